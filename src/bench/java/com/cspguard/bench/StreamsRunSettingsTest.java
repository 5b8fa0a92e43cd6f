package com.cspguard.bench;

import io.micronaut.context.ApplicationContext;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark runs the service with the engine settings the service itself has (application.yml). */
class StreamsRunSettingsTest {
    @Test
    void theBenchmarksStreamsSettingsAreTheServicesOwn() {
        Properties bench = StreamsRun.props("127.0.0.1:1", "bench-service", Path.of("target/unused"));
        try (ApplicationContext ctx = ApplicationContext.builder().properties(Map.of("kafka.bootstrap.servers", "127.0.0.1:1"))
                .deduceEnvironment(false).environments("bench-settings-test").build()) {
            ctx.getEnvironment().start();
            for (String key : List.of(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
                    StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG))) {
                assertThat(String.valueOf(bench.get(key))).as(key)
                        .isEqualTo(ctx.getEnvironment().getProperty("kafka.streams.default." + key, String.class).orElse(null));
            }
        }
    }
}
