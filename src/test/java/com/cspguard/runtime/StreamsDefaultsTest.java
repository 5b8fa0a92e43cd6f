package com.cspguard.runtime;

import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;

/** The Kafka Streams settings application.yml gives the service, as Micronaut resolves them with no variables set. */
class StreamsDefaultsTest {
    private static String setting(String name) {
        return ConfiguredStreamsSettings.of(name);
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
