package com.cspguard.runtime;

import io.micronaut.health.HealthStatus;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** Liveness restarts the process only when the stream cannot recover by itself. */
class StreamsLivenessTest {
    @Test
    void onlyAStreamInErrorIsDead() {
        assertThat(StreamsLiveness.of(KafkaStreams.State.ERROR)).isEqualTo(HealthStatus.DOWN);
        Arrays.stream(KafkaStreams.State.values()).filter(s -> s != KafkaStreams.State.ERROR)
                .forEach(s -> assertThat(StreamsLiveness.of(s)).as(s.name()).isEqualTo(HealthStatus.UP));
    }
}
