package com.cspguard.topology.config;

import org.junit.jupiter.api.Test;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.CompressionType;
import org.rocksdb.Options;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class GuardRocksDBConfigTest {

    @Test
    void storesAreCompressedWithLz4() {
        try (Options options = new Options()) {
            new GuardRocksDBConfig().setConfig("guard-state", options, Map.of());
            assertThat(options.compressionType()).isEqualTo(CompressionType.LZ4_COMPRESSION);
        }
    }

    @Test
    void everyLevelKeepsItsBloomFilterSoThatMissesStayCheap() {
        try (Options options = new Options()) {
            options.setOptimizeFiltersForHits(true); // what Kafka Streams sets before calling the setter
            new GuardRocksDBConfig().setConfig("guard-state", options, Map.of());
            assertThat(options.optimizeFiltersForHits()).isFalse();
            assertThat(options.memtableWholeKeyFiltering()).isTrue();
            assertThat(options.memtablePrefixBloomSizeRatio()).isGreaterThan(0);
        }
    }

    @Test
    void everyStoreSharesOneBlockCache() throws Exception {
        try (Options a = new Options(); Options b = new Options()) {
            a.setTableFormatConfig(new BlockBasedTableConfig());
            b.setTableFormatConfig(new BlockBasedTableConfig());
            new GuardRocksDBConfig().setConfig("guard-state", a, Map.of());
            new GuardRocksDBConfig().setConfig("timers", b, Map.of());
            assertThat(GuardRocksDBConfig.sharedCache()).isNotNull();
            assertThat(blockCache(a)).isSameAs(blockCache(b)).isSameAs(GuardRocksDBConfig.sharedCache());
        }
    }

    /** RocksDB's Java table config has no getter for its cache. */
    private static Object blockCache(Options options) throws ReflectiveOperationException {
        java.lang.reflect.Field f = BlockBasedTableConfig.class.getDeclaredField("blockCache");
        f.setAccessible(true);
        return f.get(options.tableFormatConfig());
    }

    @Test
    void theCacheSizeIsAStreamsSetting() {
        assertThat(GuardRocksDBConfig.cacheBytes(Map.of())).isEqualTo(256L << 20);
        assertThat(GuardRocksDBConfig.cacheBytes(Map.of(GuardRocksDBConfig.CACHE_CONFIG, "1048576"))).isEqualTo(1_048_576L);
    }

    @Test
    void theServiceConfiguresIt() throws Exception {
        assertThat(Files.readString(Path.of("src/main/resources/application.yml")))
                .contains("rocksdb.config.setter: " + GuardRocksDBConfig.class.getName())
                .contains(GuardRocksDBConfig.CACHE_CONFIG);
    }
}
