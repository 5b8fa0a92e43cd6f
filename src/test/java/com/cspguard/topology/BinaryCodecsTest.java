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
                Instant.parse("2027-01-14T00:00:00Z"), TimerType.GRACE_PERIOD_ENDING);
        assertThat(BinaryCodecs.SUBSCRIPTION.read(BinaryCodecs.SUBSCRIPTION.write(state))).isEqualTo(state);
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
    void anUnknownVersionIsAClearError() {
        byte[] bytes = BinaryCodecs.COUNTS.write(TenantCounts.empty("t"));
        bytes[0] = 99;
        assertThatThrownBy(() -> BinaryCodecs.COUNTS.read(bytes)).hasMessageContaining("corrupt store value")
                .hasStackTraceContaining("unknown store value version 99");
    }
}
