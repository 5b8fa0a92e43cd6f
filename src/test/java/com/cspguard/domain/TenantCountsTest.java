package com.cspguard.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static com.cspguard.domain.SubscriptionStatus.ACTIVE;
import static com.cspguard.domain.SubscriptionStatus.DELETED;
import static com.cspguard.domain.SubscriptionStatus.EXPIRED;
import static com.cspguard.domain.SubscriptionStatus.PENDING;
import static com.cspguard.domain.SubscriptionStatus.SUSPENDED;
import static org.assertj.core.api.Assertions.assertThat;

/** Counting per status, the counted statuses, and crossings of the duplication threshold. */
class TenantCountsTest {

    private static final GuardPolicy POLICY = GuardPolicy.defaults();
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private static TenantCounts empty() {
        return TenantCounts.empty("tenant-1");
    }

    /** {@code n} new subscriptions, each {@code status}, one second apart. */
    private static TenantCounts add(TenantCounts c, int n, SubscriptionStatus status, GuardPolicy policy) {
        for (int i = 0; i < n; i++) {
            c = c.apply(null, status, policy, T0.plusSeconds(i));
        }
        return c;
    }

    @Test
    void aNewActiveSubscriptionCounts() {
        TenantCounts c = empty().apply(null, ACTIVE, POLICY, T0);

        assertThat(c.counted()).isEqualTo(1);
        assertThat(c.byStatus()).containsExactly(Map.entry("active", 1));
        assertThat(c.updatedAt()).isEqualTo(T0);
        assertThat(c.customerTenantId()).isEqualTo("tenant-1");
    }

    @ParameterizedTest
    @EnumSource(value = SubscriptionStatus.class, names = {"ACTIVE", "PENDING", "SUSPENDED"})
    void activePendingAndSuspendedCountByDefault(SubscriptionStatus status) {
        assertThat(empty().apply(null, status, POLICY, T0).counted()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(value = SubscriptionStatus.class, names = {"ACTIVE", "PENDING", "SUSPENDED"}, mode = EnumSource.Mode.EXCLUDE)
    void otherStatusesAreListedButNotCounted(SubscriptionStatus status) {
        TenantCounts c = empty().apply(null, status, POLICY, T0);

        assertThat(c.counted()).isZero();
        assertThat(c.byStatus()).containsExactly(Map.entry(status.wire(), 1));
    }

    @Test
    void expiringMovesTheSubscriptionBetweenStatusesAndDropsEmptyEntries() {
        TenantCounts c = add(empty(), 2, ACTIVE, POLICY).apply(ACTIVE, EXPIRED, POLICY, T0.plusSeconds(60));

        assertThat(c.counted()).isEqualTo(1);
        assertThat(c.byStatus()).containsOnly(Map.entry("active", 1), Map.entry("expired", 1));

        TenantCounts d = c.apply(ACTIVE, SUSPENDED, POLICY, T0.plusSeconds(61));
        assertThat(d.counted()).isEqualTo(1);
        assertThat(d.byStatus()).containsOnly(Map.entry("suspended", 1), Map.entry("expired", 1));
        assertThat(d.byStatus()).doesNotContainKey("active");
    }

    @Test
    void removingASubscriptionUncountsIt() {
        TenantCounts c = add(empty(), 3, PENDING, POLICY).apply(PENDING, null, POLICY, T0.plusSeconds(60));

        assertThat(c.counted()).isEqualTo(2);
        assertThat(c.byStatus()).containsExactly(Map.entry("pending", 2));
    }

    @Test
    void anUnchangedStatusChangesNothing() {
        TenantCounts c = add(empty(), 2, ACTIVE, POLICY);

        TenantCounts same = c.apply(ACTIVE, ACTIVE, POLICY, T0.plusSeconds(3600));

        assertThat(same).isEqualTo(c);
        assertThat(same.updatedAt()).isEqualTo(c.updatedAt());
        assertThat(same.publishedFieldsDiffer(c)).isFalse();
    }

    @Test
    void aStatusChangeBetweenUncountedStatusesIsPublishedButCountsNothing() {
        TenantCounts c = empty().apply(null, EXPIRED, POLICY, T0);

        TenantCounts d = c.apply(EXPIRED, DELETED, POLICY, T0.plusSeconds(1));

        assertThat(d.counted()).isZero();
        assertThat(d.byStatus()).containsExactly(Map.entry("deleted", 1));
        assertThat(d.publishedFieldsDiffer(c)).isTrue();
    }

    @Test
    void theCountedStatusesAreASetting() {
        GuardPolicy onlyActive = new GuardPolicy(300, 150, EnumSet.of(ACTIVE), Duration.ofDays(30),
                Duration.ofDays(30), Duration.ofDays(7), Duration.ofDays(23), Duration.ofDays(30));

        TenantCounts c = empty().apply(null, ACTIVE, onlyActive, T0)
                .apply(null, SUSPENDED, onlyActive, T0)
                .apply(null, PENDING, onlyActive, T0);

        assertThat(c.counted()).isEqualTo(1);
        assertThat(c.byStatus()).containsOnly(Map.entry("active", 1), Map.entry("suspended", 1), Map.entry("pending", 1));
        assertThat(c.apply(ACTIVE, SUSPENDED, onlyActive, T0).counted()).isZero();
        assertThat(c.apply(SUSPENDED, ACTIVE, onlyActive, T0).counted()).isEqualTo(2);
    }

    @Test
    void crossingAbove150IsCountedOncePerCrossing() {
        TenantCounts at150 = add(empty(), 150, ACTIVE, POLICY);
        assertThat(at150.counted()).isEqualTo(150);
        assertThat(at150.thresholdCrossings()).isZero();
        assertThat(at150.headroom(POLICY)).isZero();

        TenantCounts at151 = at150.apply(null, ACTIVE, POLICY, T0);
        assertThat(at151.thresholdCrossings()).isEqualTo(1);
        assertThat(at151.crossedThresholdSince(at150)).isTrue();
        assertThat(at151.headroom(POLICY)).isEqualTo(-1);

        TenantCounts at152 = at151.apply(null, SUSPENDED, POLICY, T0);
        assertThat(at152.thresholdCrossings()).isEqualTo(1);
        assertThat(at152.crossedThresholdSince(at151)).isFalse();

        TenantCounts back151 = at152.apply(ACTIVE, EXPIRED, POLICY, T0);
        TenantCounts back150 = back151.apply(ACTIVE, EXPIRED, POLICY, T0);
        assertThat(back150.counted()).isEqualTo(150);
        assertThat(back150.thresholdCrossings()).isEqualTo(1);
        assertThat(back150.crossedThresholdSince(back151)).isFalse();

        TenantCounts again151 = back150.apply(EXPIRED, ACTIVE, POLICY, T0);
        assertThat(again151.thresholdCrossings()).isEqualTo(2);
        assertThat(again151.crossedThresholdSince(back150)).isTrue();
    }

    @Test
    void aChangeBetweenCountedStatusesAboveTheThresholdIsNoCrossing() {
        TenantCounts at151 = add(empty(), 151, ACTIVE, POLICY);

        TenantCounts moved = at151.apply(ACTIVE, SUSPENDED, POLICY, T0);

        assertThat(moved.counted()).isEqualTo(151);
        assertThat(moved.thresholdCrossings()).isEqualTo(1);
    }

    @Test
    void theThresholdIsASetting() {
        GuardPolicy small = GuardPolicy.defaults().withLimits(10, 2);
        List<Integer> crossingsAfterEach = new ArrayList<>();
        TenantCounts c = empty();
        for (int i = 0; i < 4; i++) {
            c = c.apply(null, ACTIVE, small, T0);
            crossingsAfterEach.add(c.thresholdCrossings());
        }

        assertThat(crossingsAfterEach).containsExactly(0, 0, 1, 1);
        assertThat(c.headroom(small)).isEqualTo(-2);
    }

    @Test
    void countryTransfersAndRepurchaseCountersSurviveApply() {
        TenantCounts c = empty().withCountry("DE").withOpenTransfers(2).withAwaitingRepurchase(1)
                .apply(null, ACTIVE, POLICY, T0);

        assertThat(c.countryCode()).isEqualTo("DE");
        assertThat(c.openTransfers()).isEqualTo(2);
        assertThat(c.awaitingRepurchase()).isEqualTo(1);
    }
}
