package com.cspguard.topology;

import com.cspguard.domain.Channel;
import com.cspguard.domain.HeldSubscription;
import com.cspguard.domain.Subscription;
import com.cspguard.domain.SubscriptionStatus;
import com.cspguard.domain.TenantCounts;
import com.cspguard.domain.TimerType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BinaryCodecsTest {

    @Test
    void subscriptionStateRoundTripsEveryField() {
        Instant at = Instant.parse("2026-11-23T10:15:30.123456789Z");
        Subscription sub = new Subscription("s1", "O:1", "name", 15, SubscriptionStatus.SUSPENDED, true, at,
                LocalDate.parse("2027-01-13"), Instant.parse("2027-01-13T23:59:59Z"), "P1Y", "monthly", true);
        SubscriptionState state = new SubscriptionState(new HeldSubscription("e1", at, Channel.DIRECT, "p", sub, true),
                Instant.parse("2027-01-14T00:00:00Z"), TimerType.GRACE_PERIOD_ENDING,
                RecentEventIds.NONE.with("e0").with("e-1"));
        SubscriptionState read = BinaryCodecs.SUBSCRIPTION.read(BinaryCodecs.SUBSCRIPTION.write(state));
        assertThat(read).isEqualTo(state);
        assertThat(read.applied("e1")).isTrue();
        assertThat(read.applied("e0")).isTrue();
        assertThat(read.applied("e-1")).isTrue();
        assertThat(read.applied("e2")).isFalse();
    }

    @Test
    void aVersionOneSubscriptionValueIsStillRead() {
        Subscription sub = new Subscription("s1", "O:1", null, null, SubscriptionStatus.ACTIVE, false, null, null, null,
                null, null, false);
        SubscriptionState state = new SubscriptionState(new HeldSubscription("e1", Instant.EPOCH, null, null, sub, false),
                null, null);
        byte[] v2 = BinaryCodecs.SUBSCRIPTION.write(state);
        // version 1 had the same layout without the trailing count of earlier event ids
        byte[] v1 = java.util.Arrays.copyOf(v2, v2.length - 1);
        v1[0] = 1;
        assertThat(BinaryCodecs.SUBSCRIPTION.read(v1)).isEqualTo(state);
    }

    @Test
    void onlyTheLastThreeEarlierEventIdsAreKept() {
        RecentEventIds ids = RecentEventIds.NONE;
        for (int i = 1; i <= 5; i++) {
            ids = ids.with("e" + i);
        }
        assertThat(ids.size()).isEqualTo(3);
        assertThat(ids.contains("e5")).isTrue();
        assertThat(ids.contains("e3")).isTrue();
        assertThat(ids.contains("e2")).isFalse();
        assertThat(ids.contains("e1")).isFalse();
    }

    @Test
    void subscriptionStateRoundTripsNulls() {
        Subscription sub = new Subscription("s1", "O:1", null, null, SubscriptionStatus.NONE, false, null, null, null,
                null, null, false);
        SubscriptionState state = new SubscriptionState(new HeldSubscription(null, Instant.EPOCH, null, null, sub, false),
                null, null);
        assertThat(BinaryCodecs.SUBSCRIPTION.read(BinaryCodecs.SUBSCRIPTION.write(state))).isEqualTo(state);
        assertThat(BinaryCodecs.SUBSCRIPTION.read(null)).isNull();
    }

    @Test
    void countsRoundTrip() {
        TenantCounts counts = new TenantCounts("t", 42, Map.of("active", 40, "suspended", 2, "expired", 3), "DE", 2, 1, 3,
                Instant.parse("2026-11-23T10:15:30Z"));
        assertThat(BinaryCodecs.COUNTS.read(BinaryCodecs.COUNTS.write(counts))).isEqualTo(counts);
        TenantCounts empty = TenantCounts.empty("t");
        assertThat(BinaryCodecs.COUNTS.read(BinaryCodecs.COUNTS.write(empty))).isEqualTo(empty);
    }

    @Test
    void timersRoundTripAndOldJsonTimersAreStillRead() {
        TimerEntry timer = new TimerEntry("t", "s1", "TERM_ENDING", 1_764_000_000_123L, Instant.parse("2027-01-14T00:00:00Z"));
        assertThat(BinaryCodecs.TIMER.read(BinaryCodecs.TIMER.write(timer))).isEqualTo(timer);
        TimerEntry transfer = new TimerEntry("t", "x1", "TRANSFER_EXPIRY", 5L, null);
        assertThat(BinaryCodecs.TIMER.read(BinaryCodecs.TIMER.write(transfer))).isEqualTo(transfer);
        byte[] json = new JsonSerde<>(TimerEntry.class).write(timer);
        assertThat(BinaryCodecs.TIMER.read(json)).isEqualTo(timer);
    }

    @Test
    void anUnknownVersionIsAClearError() {
        byte[] bytes = BinaryCodecs.COUNTS.write(TenantCounts.empty("t"));
        bytes[0] = 99;
        assertThatThrownBy(() -> BinaryCodecs.COUNTS.read(bytes)).hasMessageContaining("corrupt store value")
                .hasStackTraceContaining("unknown store value version 99");
    }
}
