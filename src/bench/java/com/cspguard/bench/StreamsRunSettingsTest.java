package com.cspguard.bench;

import com.cspguard.runtime.ConfiguredStreamsSettings;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark runs the service with the engine settings the service itself has (application.yml). */
class StreamsRunSettingsTest {
    @Test
    void theBenchmarksStreamsSettingsAreTheServicesOwn() {
        Properties bench = StreamsRun.props("127.0.0.1:1", "bench-service", Path.of("target/unused"));
        for (String key : List.of(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
                StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG),
                StreamsConfig.mainConsumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG))) {
            assertThat(String.valueOf(bench.get(key))).as(key).isEqualTo(ConfiguredStreamsSettings.of(key));
        }
    }
}
