package com.cspguard.bench;

import com.cspguard.topology.config.GuardRocksDBConfig;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.Options;

import java.util.Map;

/**
 * The guard's RocksDB settings with RocksDB's own log at INFO and its statistics dumped every 5 s,
 * for finding stalls: Kafka Streams sets the log to ERROR, so the stores' {@code LOG} files stay
 * empty. {@code -Dbench.streams.rocksdb.config.setter=com.cspguard.bench.DiagnosticRocksDBConfig
 * -Dbench.keep.data=true}; the LOG files are in each store's folder of the run's state.
 */
public class DiagnosticRocksDBConfig extends GuardRocksDBConfig {
    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        super.setConfig(storeName, options, configs);
        options.setInfoLogLevel(InfoLogLevel.INFO_LEVEL);
        options.setStatsDumpPeriodSec(5);
    }
}
