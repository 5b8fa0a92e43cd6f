package com.cspguard.topology.config;

import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.CompressionType;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;

import java.util.Map;

/**
 * RocksDB settings of the guard's stores.
 * <ul>
 * <li>LZ4: Kafka Streams leaves RocksDB uncompressed; the state is mostly ids and short strings that
 * LZ4 shrinks well at little CPU cost.</li>
 * <li>One block cache shared by every store of the process, {@value #CACHE_CONFIG} bytes (default
 * 256 MiB), instead of Kafka Streams' 50 MiB per store: gets that miss the cache read and
 * decompress blocks again. One shared cache bounds the memory however many tasks an instance holds.</li>
 * <li>Bloom filters on every level: Kafka Streams turns on {@code optimize_filters_for_hits}, which
 * leaves the last level, where most keys live, without filters. That suits stores where almost every
 * read finds its key; here many events create a subscription, so many reads miss, and each miss
 * would read and search a data block of the last level. For the same reason the memtable gets a
 * whole-key bloom filter, so that a miss skips the search of its skip list.</li>
 * </ul>
 * Set as {@code rocksdb.config.setter}.
 */
public class GuardRocksDBConfig implements RocksDBConfigSetter {
    /** Streams property (also {@code GUARD_ROCKSDB_BLOCK_CACHE_BYTES}) sizing the shared block cache. */
    public static final String CACHE_CONFIG = "guard.rocksdb.block-cache-bytes";
    static final long DEFAULT_CACHE_BYTES = 256L << 20;

    private static Cache sharedCache;

    private static synchronized Cache sharedCache(long bytes) {
        if (sharedCache == null) {
            sharedCache = new LRUCache(bytes);
        }
        return sharedCache;
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        options.setCompressionType(CompressionType.LZ4_COMPRESSION);
        options.setOptimizeFiltersForHits(false);
        options.setMemtableWholeKeyFiltering(true);
        options.setMemtablePrefixBloomSizeRatio(0.1);
        // Kafka Streams hands over its own table config (bloom filter, block size); keep it
        BlockBasedTableConfig table = options.tableFormatConfig() instanceof BlockBasedTableConfig given
                ? given : new BlockBasedTableConfig();
        table.setBlockCache(sharedCache(cacheBytes(configs)));
        options.setTableFormatConfig(table);
    }

    /** The cache every store of this process shares; null before the first store opened. */
    static synchronized Cache sharedCache() {
        return sharedCache;
    }

    static long cacheBytes(Map<String, Object> configs) {
        Object value = configs.get(CACHE_CONFIG);
        return value == null ? DEFAULT_CACHE_BYTES : Long.parseLong(value.toString().trim());
    }

    @Override
    public void close(String storeName, Options options) {
        // the cache is shared by every store of the process and lives as long as it
    }
}
