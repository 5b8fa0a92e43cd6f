package com.cspguard.topology;

import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.CompressionType;
import org.rocksdb.Options;

import java.util.Map;

/**
 * RocksDB settings of the guard's stores. Kafka Streams leaves RocksDB uncompressed; the state is
 * mostly ids and short strings that LZ4 shrinks well at little CPU cost, so it is compressed.
 * Set as {@code rocksdb.config.setter}.
 */
public class GuardRocksDBConfig implements RocksDBConfigSetter {
    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        options.setCompressionType(CompressionType.LZ4_COMPRESSION);
    }

    @Override
    public void close(String storeName, Options options) {
        // nothing allocated here
    }
}
