package com.cspguard.topology.facts;

import com.cspguard.domain.Channel;
import com.cspguard.domain.CommerceType;
import com.cspguard.domain.HeldSubscription;
import com.cspguard.domain.Subscription;
import com.cspguard.domain.SubscriptionStatus;
import com.cspguard.domain.TimerType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BinaryCodecsTest {

    @Test
    void subscriptionFactRoundTripsEveryField() {
        Instant at = Instant.parse("2026-11-23T10:15:30.123456789Z");
        Subscription sub = new Subscription("s1", "O:1", "name", 15, SubscriptionStatus.SUSPENDED, true, at,
                LocalDate.parse("2027-01-13"), Instant.parse("2027-01-13T23:59:59Z"), "P1Y", "monthly", true,
                CommerceType.LEGACY, at.plusSeconds(7 * 86_400));
        SubscriptionFact fact = new SubscriptionFact(new HeldSubscription("e1", at, Channel.DIRECT, "p", sub),
                "DE", at.minusSeconds(5), at.minusSeconds(60),
                Instant.parse("2027-01-14T00:00:00Z"), TimerType.GRACE_PERIOD_ENDING,
                EarlierChains.NONE.with(Instant.parse("2026-01-14T00:00:00Z"), null)
                        .with(Instant.parse("2025-01-14T00:00:00Z"), TimerType.TERM_ENDED),
                RecentEventIds.NONE.with("e0").with("e-1"), "Contoso GmbH", at.minusSeconds(3));
        SubscriptionFact read = BinaryCodecs.SUBSCRIPTION.read(BinaryCodecs.SUBSCRIPTION.write(fact));
        assertThat(read).isEqualTo(fact);
        assertThat(read.held().subscription().commerceType()).isEqualTo(CommerceType.LEGACY);
        assertThat(read.customerName()).isEqualTo("Contoso GmbH");
        assertThat(read.applied("e1")).isTrue();
        assertThat(read.applied("e0")).isTrue();
        assertThat(read.applied("e-1")).isTrue();
        assertThat(read.applied("e2")).isFalse();
        assertThat(read.earlierChains().progress(Instant.parse("2026-01-14T00:00:00Z"))).isEqualTo(EarlierChains.FINISHED);
        assertThat(read.earlierChains().progress(Instant.parse("2025-01-14T00:00:00Z")))
                .isEqualTo((byte) TimerType.TERM_ENDED.ordinal());
    }

    @Test
    void theReaderForTheIndexesGivesEveryFieldTheIndexesUse() {
        Instant at = Instant.parse("2026-11-23T10:15:30.123Z");
        Subscription sub = new Subscription("s1", "O:1", "Offer one", 15, SubscriptionStatus.EXPIRED, true, at,
                LocalDate.parse("2027-01-13"), null, "P1Y", null, false, CommerceType.NEW_COMMERCE,
                Instant.parse("2026-01-21T00:00:00Z"));
        SubscriptionFact fact = new SubscriptionFact(new HeldSubscription("e1", at, Channel.CSP, "p", sub),
                "DE", at, at.minusSeconds(60), Instant.parse("2027-01-14T00:00:00Z"), TimerType.TERM_ENDED,
                EarlierChains.NONE.with(Instant.parse("2026-01-14T00:00:00Z"), null)
                        .with(Instant.parse("2025-01-14T00:00:00Z"), TimerType.TERM_ENDED),
                RecentEventIds.NONE.with("e0"), "Fabrikam", at);
        SubscriptionFact lean = BinaryCodecs.SUBSCRIPTION_FOR_INDEXES.read(BinaryCodecs.SUBSCRIPTION.write(fact));
        assertThat(lean.held().subscription()).isEqualTo(sub);
        assertThat(lean.held().occurredAt()).isEqualTo(at);
        assertThat(lean.held().channel()).isEqualTo(Channel.CSP);
        assertThat(lean.countryCode()).isEqualTo("DE");
        assertThat(lean.countryAt()).isEqualTo(at);
        assertThat(lean.gainedAt()).isEqualTo(fact.gainedAt());
        assertThat(lean.timerTermEnd()).isEqualTo(fact.timerTermEnd());
        assertThat(lean.nextTimer()).isEqualTo(TimerType.TERM_ENDED);
        assertThat(lean.held().lastEventId()).as("stepped over").isNull();
        assertThat(lean.held().partnerTenantId()).as("the indexes count the partners").isEqualTo("p");
        assertThat(lean.customerName()).as("read past the stepped-over chains").isEqualTo("Fabrikam");
        assertThat(lean.nameAt()).isEqualTo(at);
    }

    @Test
    void versionTwoAndThreeSubscriptionValuesAreStillRead() {
        Subscription sub = new Subscription("s1", "O:1", null, null, SubscriptionStatus.ACTIVE, false, null, null, null,
                null, null, false);
        SubscriptionFact fact = new SubscriptionFact(new HeldSubscription("e1", Instant.EPOCH, null, null, sub),
                null, null, null, null, null, null, null);
        byte[] v4 = BinaryCodecs.SUBSCRIPTION.write(fact);
        // version 3: no commerce type, refund time, customer name or name time at the end
        // (1 + 8 + 1 + 8 bytes when the last three are absent); the commerce type follows from the offer id
        byte[] v3 = java.util.Arrays.copyOf(v4, v4.length - 18);
        v3[0] = 3;
        assertThat(BinaryCodecs.SUBSCRIPTION.read(v3)).isEqualTo(fact);
        assertThat(BinaryCodecs.SUBSCRIPTION_FOR_INDEXES.read(v3).held().subscription()).isEqualTo(sub);
        // version 2: a repurchased flag after the partner; no country, country time, gain time or
        // earlier chains at the end (1 + 8 + 8 + 1 bytes when all are absent)
        int partnerEnd = 1 + 5 + 12 + 1 + 1; // version, event id "e1", occurredAt, channel, absent partner
        int v3Extras = 18;
        byte[] v2 = new byte[v3.length - v3Extras + 1];
        System.arraycopy(v3, 0, v2, 0, partnerEnd);
        v2[partnerEnd] = 1; // repurchased, now derived and ignored
        System.arraycopy(v3, partnerEnd, v2, partnerEnd + 1, v3.length - v3Extras - partnerEnd);
        v2[0] = 2;
        assertThat(BinaryCodecs.SUBSCRIPTION.read(v2)).isEqualTo(fact);
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
    void earlierChainsKeepTheNewestEndsOnceEach() {
        EarlierChains chains = EarlierChains.NONE;
        int days = EarlierChains.KEPT + 2;
        for (int day = 1; day <= days; day++) {
            chains = chains.with(Instant.ofEpochSecond(day * 86_400L), TimerType.TERM_ENDED);
        }
        chains = chains.with(Instant.ofEpochSecond(5 * 86_400L), null);
        assertThat(chains.size()).isEqualTo(EarlierChains.KEPT);
        assertThat(chains.progress(Instant.ofEpochSecond(5 * 86_400L))).isEqualTo(EarlierChains.FINISHED);
        assertThat(chains.progress(Instant.ofEpochSecond(days * 86_400L))).isEqualTo((byte) TimerType.TERM_ENDED.ordinal());
        assertThat(chains.progress(Instant.ofEpochSecond(2 * 86_400L))).as("the oldest are forgotten").isNull();
        assertThat(chains.without(Instant.ofEpochSecond(5 * 86_400L)).progress(Instant.ofEpochSecond(5 * 86_400L))).isNull();
    }

    @Test
    void subscriptionFactRoundTripsNulls() {
        Subscription sub = new Subscription("s1", "O:1", null, null, SubscriptionStatus.NONE, false, null, null, null,
                null, null, false);
        SubscriptionFact fact = new SubscriptionFact(new HeldSubscription(null, Instant.EPOCH, null, null, sub),
                null, null, null, null, null, null, null);
        assertThat(BinaryCodecs.SUBSCRIPTION.read(BinaryCodecs.SUBSCRIPTION.write(fact))).isEqualTo(fact);
        assertThat(BinaryCodecs.SUBSCRIPTION.read(null)).isNull();
    }

    @Test
    void anUnknownVersionIsAClearError() {
        Subscription sub = new Subscription("s1", "O:1", null, null, SubscriptionStatus.NONE, false, null, null, null,
                null, null, false);
        byte[] bytes = BinaryCodecs.SUBSCRIPTION.write(new SubscriptionFact(new HeldSubscription(null, Instant.EPOCH,
                null, null, sub), null, null, null, null, null, null, null));
        bytes[0] = 99;
        assertThatThrownBy(() -> BinaryCodecs.SUBSCRIPTION.read(bytes)).hasMessageContaining("corrupt store value")
                .hasStackTraceContaining("unknown store value version 99");
    }
}
