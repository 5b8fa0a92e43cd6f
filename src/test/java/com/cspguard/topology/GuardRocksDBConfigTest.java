package com.cspguard.topology;

import org.junit.jupiter.api.Test;
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
    void theServiceConfiguresIt() throws Exception {
        assertThat(Files.readString(Path.of("src/main/resources/application.yml")))
                .contains("rocksdb.config.setter: " + GuardRocksDBConfig.class.getName());
    }
}
