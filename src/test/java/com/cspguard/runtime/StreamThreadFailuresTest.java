package com.cspguard.runtime;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** When a dead stream thread makes /health DOWN, and for how long. */
class StreamThreadFailuresTest {
    private Instant now = Instant.parse("2026-11-26T12:00:00Z");
    private final Clock clock = new Clock() {
        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    };
    private final StreamThreadFailures failures =
            new StreamThreadFailures(Duration.ofSeconds(60), clock, new StaticMembership("", null));

    @Test
    void noDeathNoFailure() {
        assertThat(failures.failing()).isEmpty();
    }

    @Test
    void oneDeathIsAFailureUntilTheWindowHasPassed() {
        failures.handle(new IllegalStateException("boom"));
        assertThat(failures.failing()).get().asString().contains("boom");
        now = now.plusSeconds(59);
        assertThat(failures.failing()).isPresent();
        now = now.plusSeconds(1);
        assertThat(failures.failing()).isEmpty();
        assertThat(failures.failures()).isEqualTo(1);
    }

    @Test
    void repeatedDeathsAreALoopUntilAWholeWindowPassesWithoutOne() {
        for (int i = 0; i < 5; i++) {
            failures.handle(new IllegalStateException("same record"));
            now = now.plusSeconds(20);
        }
        assertThat(failures.failing()).get().asString().contains("died");
        now = now.plusSeconds(39);
        assertThat(failures.failing()).isPresent();
        now = now.plusSeconds(1);
        assertThat(failures.failing()).isEmpty();
    }
}
