package com.cspguard.runtime;

import io.micronaut.context.ApplicationContext;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The Kafka Streams settings application.yml gives the service, as Micronaut resolves them with no variables set. */
class StreamsDefaultsTest {
    private static String setting(String name) {
        try (ApplicationContext ctx = ApplicationContext.builder().properties(Map.of("kafka.bootstrap.servers", "127.0.0.1:1"))
                .deduceEnvironment(false).environments("streams-defaults-test").build()) {
            ctx.getEnvironment().start();
            return ctx.getEnvironment().getProperty("kafka.streams.default." + name, String.class).orElse(null);
        }
    }

    @Test
    void exactlyOnceV2() {
        assertThat(setting(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
    }

    @Test
    void heartbeatsComeOftenEnoughToHearOfAFailoverWithinASecond() {
        long heartbeat = Long.parseLong(setting("main.consumer.heartbeat.interval.ms"));
        long session = Long.parseLong(setting("main.consumer.session.timeout.ms"));
        assertThat(heartbeat).isLessThanOrEqualTo(1000).isLessThan(session / 3);
    }

    @Test
    void aTaskWaitsForItsOtherInputsDataOnTheBrokerSoABackfillKeepsTimestampOrder() {
        // -1 would save processing time but evaluate a backfill's transfer requests before their tenants (docs/benchmarks.md)
        assertThat(setting(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG)).isEqualTo("0");
    }
}
