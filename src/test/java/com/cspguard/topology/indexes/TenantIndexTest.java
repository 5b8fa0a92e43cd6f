package com.cspguard.topology.indexes;

import com.cspguard.domain.Channel;
import com.cspguard.domain.GuardPolicy;
import com.cspguard.domain.HeldSubscription;
import com.cspguard.domain.Offer;
import com.cspguard.domain.OfferCatalog;
import com.cspguard.domain.Subscription;
import com.cspguard.domain.SubscriptionStatus;
import com.cspguard.domain.TenantCounts;
import com.cspguard.topology.facts.SubscriptionFact;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static com.cspguard.domain.SubscriptionStatus.ACTIVE;
import static com.cspguard.domain.SubscriptionStatus.DELETED;
import static com.cspguard.domain.SubscriptionStatus.EXPIRED;
import static com.cspguard.domain.SubscriptionStatus.SUSPENDED;
import static org.assertj.core.api.Assertions.assertThat;

/** Counting per status, the counted statuses, the tenant's country and the repurchase index. */
class TenantIndexTest {
    private static final GuardPolicy POLICY = GuardPolicy.defaults();
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    static SubscriptionFact fact(String id, String offer, SubscriptionStatus status, Instant at, String country,
                                 Instant gainedAt) {
        Subscription sub = new Subscription(id, offer, null, 1, status, false, null, null, null, null, null, false);
        return new SubscriptionFact(new HeldSubscription("e-" + id + at, at, Channel.CSP, "p", sub),
                country, country == null ? null : at, gainedAt, null, null, null, null);
    }

    static SubscriptionFact fact(String id, SubscriptionStatus status) {
        return fact(id, "O:1", status, T0, null, null);
    }

    private final TenantIndex index = new TenantIndex("tenant-1", new OfferIds());

    @Test
    void aNewActiveSubscriptionCounts() {
        index.add(fact("s1", ACTIVE), POLICY);
        TenantCounts c = index.counts();
        assertThat(c.counted()).isEqualTo(1);
        assertThat(c.byStatus()).containsExactly(Map.entry("active", 1));
        assertThat(c.updatedAt()).isEqualTo(T0);
        assertThat(c.customerTenantId()).isEqualTo("tenant-1");
    }

    @ParameterizedTest
    @EnumSource(value = SubscriptionStatus.class, names = {"ACTIVE", "PENDING", "SUSPENDED"})
    void activePendingAndSuspendedCountByDefault(SubscriptionStatus status) {
        index.add(fact("s1", status), POLICY);
        assertThat(index.counted()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(value = SubscriptionStatus.class, names = {"ACTIVE", "PENDING", "SUSPENDED"}, mode = EnumSource.Mode.EXCLUDE)
    void otherStatusesAreListedButNotCounted(SubscriptionStatus status) {
        index.add(fact("s1", status), POLICY);
        assertThat(index.counted()).isZero();
        assertThat(index.counts().byStatus()).containsExactly(Map.entry(status.wire(), 1));
    }

    @Test
    void replacingAFactMovesItBetweenStatusesAndDropsEmptyEntries() {
        SubscriptionFact active = fact("s1", ACTIVE);
        index.add(active, POLICY);
        int[] before = index.statusCounts();
        index.remove(active, POLICY);
        index.add(fact("s1", EXPIRED), POLICY);
        assertThat(index.statusCountsDiffer(before)).isTrue();
        assertThat(index.counted()).isZero();
        assertThat(index.counts().byStatus()).containsExactly(Map.entry("expired", 1));
        assertThat(index.subscriptions()).isEqualTo(1);
    }

    @Test
    void anUnchangedStatusChangesNoCounter() {
        index.add(fact("s1", SUSPENDED), POLICY);
        int[] before = index.statusCounts();
        index.remove(fact("s1", SUSPENDED), POLICY);
        index.add(fact("s1", SUSPENDED), POLICY);
        assertThat(index.statusCountsDiffer(before)).isFalse();
    }

    @Test
    void theCountedStatusesAreASetting() {
        GuardPolicy onlyActive = new GuardPolicy(300, 150, EnumSet.of(ACTIVE), Duration.ofDays(30), Duration.ofDays(30),
                Duration.ofDays(7), Duration.ofDays(23), Duration.ofDays(30));
        index.add(fact("s1", ACTIVE), onlyActive);
        index.add(fact("s2", SUSPENDED), onlyActive);
        assertThat(index.counted()).isEqualTo(1);
    }

    @Test
    void theCountryIsTheOneReportedLastWhateverTheOrderFactsAreAdded() {
        SubscriptionFact early = fact("s1", "O:1", ACTIVE, T0, "AT", null);
        SubscriptionFact late = fact("s2", "O:1", ACTIVE, T0.plusSeconds(60), "DE", null);
        index.add(late, POLICY);
        index.add(early, POLICY);
        TenantIndex other = new TenantIndex("tenant-1", new OfferIds());
        other.add(early, POLICY);
        other.add(late, POLICY);
        assertThat(index.countryCode()).isEqualTo("DE").isEqualTo(other.countryCode());
        assertThat(index.describe()).isEqualTo(other.describe());
    }

    @Test
    void aGainAfterTheTermEndRepurchasesTheSameOrAnEquivalentOffer() {
        Instant termEnd = T0.minus(Duration.ofDays(5));
        index.add(fact("new", "O:2", ACTIVE, T0, null, T0), POLICY);
        OfferCatalog catalog = OfferCatalog.of(Map.of("O:1", new Offer("O:1", null, Offer.OfferStatus.AVAILABLE, List.of("O:2"))));
        assertThat(index.repurchasedAfter("O:1", termEnd, catalog)).isTrue();
        assertThat(index.repurchasedAfter("O:1", termEnd, OfferCatalog.empty())).as("not equivalent without the catalog")
                .isFalse();
        assertThat(index.repurchasedAfter("O:2", T0, catalog)).as("a gain at the term end itself is no repurchase")
                .isFalse();
    }

    @Test
    void aRepurchaseIsDatedByItsStartNotByWhenItWasSeen() {
        Instant termEnd = T0.minus(Duration.ofDays(5));
        Subscription longHeld = new Subscription("old", "O:1", null, 1, ACTIVE, false, T0.minus(Duration.ofDays(200)),
                null, null, null, null, false);
        Subscription bought = new Subscription("new", "O:1", null, 1, ACTIVE, false, termEnd.plusSeconds(1),
                null, null, null, null, false);
        index.add(new SubscriptionFact(new HeldSubscription("e-old", T0, Channel.CSP, "p", longHeld),
                null, null, T0, null, null, null, null), POLICY);
        assertThat(index.repurchasedAfter("O:1", termEnd, OfferCatalog.empty()))
                .as("first seen after the term end, but bought 200 days ago").isFalse();
        index.add(new SubscriptionFact(new HeldSubscription("e-new", T0, Channel.CSP, "p", bought),
                null, null, T0, null, null, null, null), POLICY);
        assertThat(index.repurchasedAfter("O:1", termEnd, OfferCatalog.empty())).isTrue();
    }

    @Test
    void aGainIsForgottenWhenItsFactIsReplaced() {
        SubscriptionFact gained = fact("new", "O:1", ACTIVE, T0, null, T0);
        index.add(gained, POLICY);
        index.remove(gained, POLICY);
        index.add(fact("new", "O:1", DELETED, T0.plusSeconds(1), null, null), POLICY);
        assertThat(index.repurchasedAfter("O:1", T0.minusSeconds(60), OfferCatalog.empty())).isFalse();
    }

    @Test
    void theCustomerNameIsTheOneReportedLastWhateverTheArrivalOrder() {
        SubscriptionFact older = withName(fact("s1", ACTIVE), "Contoso", T0);
        SubscriptionFact newer = withName(fact("s2", ACTIVE), "Contoso GmbH", T0.plusSeconds(60));
        TenantIndex reversed = new TenantIndex("tenant-1", new OfferIds());
        index.add(older, POLICY);
        index.add(newer, POLICY);
        reversed.add(newer, POLICY);
        reversed.add(older, POLICY);
        reversed.add(fact("s3", ACTIVE), POLICY);
        assertThat(index.customerName()).isEqualTo("Contoso GmbH");
        assertThat(reversed.customerName()).isEqualTo("Contoso GmbH");
    }

    private static SubscriptionFact withName(SubscriptionFact f, String name, Instant at) {
        return new SubscriptionFact(f.held(), f.countryCode(), f.countryAt(), f.gainedAt(), f.timerTermEnd(),
                f.nextTimer(), f.earlierChains(), f.earlierEvents(), name, at);
    }
}
