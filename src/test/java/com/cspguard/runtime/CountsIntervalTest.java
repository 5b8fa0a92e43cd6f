package com.cspguard.runtime;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The counts are coalesced per commit interval unless GUARD_COUNTS_INTERVAL says otherwise. */
class CountsIntervalTest {

    @Test
    void followsTheCommitIntervalUnlessSetItself() {
        assertThat(GuardSettingsFactory.countsInterval("", 250L, "exactly_once_v2")).isEqualTo(Duration.ofMillis(250));
        assertThat(GuardSettingsFactory.countsInterval(null, 250L, "exactly_once_v2")).isEqualTo(Duration.ofMillis(250));
        assertThat(GuardSettingsFactory.countsInterval("1s", 250L, "exactly_once_v2")).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void withoutACommitIntervalKafkaStreamsDefaultsApply() {
        assertThat(GuardSettingsFactory.countsInterval(null, null, "exactly_once_v2")).isEqualTo(Duration.ofMillis(100));
        assertThat(GuardSettingsFactory.countsInterval(null, null, "at_least_once")).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aZeroIntervalIsRefused() {
        assertThatThrownBy(() -> GuardSettingsFactory.countsInterval("0ms", 100L, "exactly_once_v2"))
                .hasMessageContaining("guard.counts-interval must be positive");
    }
}
