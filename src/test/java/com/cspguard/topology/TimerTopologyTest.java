package com.cspguard.topology;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static com.cspguard.topology.Fixtures.TENANT;
import static com.cspguard.topology.Fixtures.event;
import static com.cspguard.topology.Fixtures.sub;
import static org.assertj.core.api.Assertions.assertThat;

/** The expiry timers, driven by the mocked wall clock. The subscription's term ends at END. */
class TimerTopologyTest {
    private static final Instant T0 = GuardDriver.START; // 2026-11-23T10:00:00Z
    /** commitmentEndDate 2026-12-10 names the last day: the term ends at the end of that day. */
    private static final Instant END = Instant.parse("2026-12-11T00:00:00Z");
    private final GuardDriver d = new GuardDriver();

    @AfterEach
    void close() {
        d.close();
    }

    private ObjectNode subscription(String id, String status, boolean autoRenew, Instant at) {
        ObjectNode e = event(TENANT, id, status, at);
        sub(e).put("commitmentEndDate", "2026-12-10");
        sub(e).put("autoRenewEnabled", autoRenew);
        return e;
    }

    /** Advances the wall clock to {@code instant} plus a second, and returns the timers fired. */
    private List<JsonNode> at(Instant instant) {
        Duration gap = Duration.between(d.wallClock(), instant.plusSeconds(1));
        if (!gap.isNegative()) {
            d.advance(gap);
        }
        return d.timers();
    }

    private List<JsonNode> justBefore(Instant instant) {
        Duration gap = Duration.between(d.wallClock(), instant.minusSeconds(2));
        if (!gap.isNegative()) {
            d.advance(gap);
        }
        return d.timers();
    }

    private static List<String> types(List<JsonNode> timers) {
        return timers.stream().map(t -> t.get("timerType").asText()).toList();
    }

    @Test
    void termEndingFiresSevenDaysBeforeTheEndWhenAutorenewIsOff() {
        d.event(subscription("s1", "active", false, T0));
        assertThat(justBefore(END.minus(Duration.ofDays(7)))).isEmpty();
        List<JsonNode> fired = at(END.minus(Duration.ofDays(7)));
        assertThat(types(fired)).containsExactly("TERM_ENDING");
        JsonNode t = fired.get(0);
        assertThat(t.get("customerTenantId").asText()).isEqualTo(TENANT);
        assertThat(t.get("subscriptionId").asText()).isEqualTo("s1");
        assertThat(t.get("offerId").asText()).isEqualTo(Fixtures.OFFER);
        assertThat(t.get("dueAt").asText()).isEqualTo(END.minus(Duration.ofDays(7)).toString());
        assertThat(Instant.parse(t.get("firedAt").asText())).isBetween(END.minus(Duration.ofDays(7)),
                END.minus(Duration.ofDays(7)).plusSeconds(5));
        assertThat(t.get("commitmentEndDate").asText()).isEqualTo("2026-12-10");
        assertThat(t.get("status").asText()).isEqualTo("active");
        assertThat(t.get("timerId").asText()).isNotBlank();
    }

    @Test
    void termEndingIsSuppressedWhileAutorenewIsOnUnlessInAnOpenTransfer() {
        d.event(subscription("s1", "active", true, T0));
        d.event(subscription("s2", "active", true, T0));
        d.request(Fixtures.request(TENANT, "t-1", "DUPLICATE", "s2"));
        List<JsonNode> fired = at(END.minus(Duration.ofDays(7)));
        assertThat(fired).extracting(t -> t.get("subscriptionId").asText()).containsExactly("s2");
    }

    @Test
    void termEndedFiresAtTheEndOfTheLastDay() {
        d.event(subscription("s1", "active", true, T0));
        assertThat(justBefore(END)).isEmpty();
        assertThat(types(at(END))).containsExactly("TERM_ENDED");
    }

    @Test
    void commitmentEndDateTimeWinsOverTheDate() {
        ObjectNode e = subscription("s1", "active", true, T0);
        sub(e).put("commitmentEndDateTime", "2026-12-10T12:00:00Z");
        d.event(e);
        assertThat(types(at(Instant.parse("2026-12-10T12:00:00Z")))).containsExactly("TERM_ENDED");
    }

    @Test
    void renewalMovesTheTimers() {
        d.event(subscription("s1", "active", true, T0));
        ObjectNode renewed = subscription("s1", "active", true, T0.plusSeconds(60));
        sub(renewed).put("commitmentEndDate", "2027-12-10");
        d.event(renewed);
        assertThat(at(END.plus(Duration.ofDays(31)))).isEmpty();
        assertThat(types(at(Instant.parse("2027-12-11T00:00:00Z")))).containsExactly("TERM_ENDED");
    }

    @Test
    void graceAndDeadlineFireForAnExpiredSubscription() {
        d.event(subscription("s1", "active", false, T0));
        assertThat(types(at(END.minus(Duration.ofDays(7))))).containsExactly("TERM_ENDING");
        assertThat(types(at(END))).containsExactly("TERM_ENDED");
        d.event(subscription("s1", "expired", false, END.plusSeconds(5)));
        assertThat(justBefore(END.plus(Duration.ofDays(23)))).isEmpty();
        List<JsonNode> grace = at(END.plus(Duration.ofDays(23)));
        assertThat(types(grace)).containsExactly("GRACE_PERIOD_ENDING");
        assertThat(grace.get(0).get("status").asText()).isEqualTo("expired");
        assertThat(justBefore(END.plus(Duration.ofDays(30)))).isEmpty();
        assertThat(types(at(END.plus(Duration.ofDays(30))))).containsExactly("REPURCHASE_DEADLINE");
        assertThat(at(END.plus(Duration.ofDays(400)))).isEmpty();
    }

    @Test
    void graceTimersDoNotFireWhenTheSubscriptionIsNotExpired() {
        d.event(subscription("s1", "active", true, T0));
        assertThat(types(at(END.plus(Duration.ofDays(31))))).containsExactly("TERM_ENDED");
    }

    @Test
    void repurchaseCancelsTheGraceTimers() {
        d.event(subscription("s1", "active", false, T0));
        d.event(subscription("s1", "expired", false, T0.plusSeconds(1)));
        at(END);
        ObjectNode repurchase = event(TENANT, "new", "active", END.plus(Duration.ofDays(3)));
        sub(repurchase).put("effectiveStartDate", END.plus(Duration.ofDays(3)).toString());
        sub(repurchase).put("commitmentEndDate", "2027-12-10");
        d.event(repurchase);
        assertThat(at(END.plus(Duration.ofDays(31)))).isEmpty();
    }

    @Test
    void repurchaseWithAnEquivalentOfferCounts() {
        d.offer(Fixtures.offer(Fixtures.OFFER, "DISCONTINUED", "EQ:1"));
        d.event(subscription("s1", "expired", false, T0));
        at(END);
        ObjectNode repurchase = event(TENANT, "new", "active", END.plus(Duration.ofDays(3)));
        sub(repurchase).put("offerId", "EQ:1");
        sub(repurchase).put("effectiveStartDate", END.plus(Duration.ofDays(3)).toString());
        sub(repurchase).put("commitmentEndDate", "2027-12-10");
        d.event(repurchase);
        assertThat(at(END.plus(Duration.ofDays(31)))).isEmpty();
    }

    @Test
    void aPurchaseBeforeTheTermEndIsNoRepurchase() {
        d.event(subscription("s1", "expired", false, T0));
        ObjectNode early = event(TENANT, "new", "active", END.minus(Duration.ofDays(3)));
        sub(early).put("commitmentEndDate", "2027-12-10");
        d.event(early);
        at(END);
        assertThat(types(at(END.plus(Duration.ofDays(31))))).containsExactly("GRACE_PERIOD_ENDING", "REPURCHASE_DEADLINE");
    }

    /**
     * A backfill: the first snapshot of a subscription the tenant bought long ago (its start is in
     * January) arrives after the expired one's term end. It was not bought after that term end, so
     * it repurchases nothing and the data-loss deadline stays, whichever snapshot comes first.
     */
    @Test
    void aBackfillAfterTheExpiredSnapshotKeepsTheRepurchaseDeadline() {
        d.event(subscription("s1", "expired", false, T0));
        at(END);
        d.event(longHeld("backfill", END.plus(Duration.ofDays(2))));
        assertThat(types(at(END.plus(Duration.ofDays(31))))).containsExactly("GRACE_PERIOD_ENDING", "REPURCHASE_DEADLINE");
    }

    @Test
    void aBackfillBeforeTheExpiredSnapshotKeepsTheRepurchaseDeadline() {
        d.event(longHeld("backfill", END.plus(Duration.ofDays(2))));
        d.event(subscription("s1", "expired", false, END.plus(Duration.ofDays(2)).plusSeconds(1)));
        assertThat(types(at(END.plus(Duration.ofDays(31)))))
                .containsExactly("TERM_ENDING", "TERM_ENDED", "GRACE_PERIOD_ENDING", "REPURCHASE_DEADLINE");
    }

    @Test
    void aRepurchaseStartedAfterTheTermEndCancelsTheDeadlineInEitherOrder() {
        Instant bought = END.plus(Duration.ofDays(4));
        // reported late, long after it was bought: its start, not the report, says when
        ObjectNode repurchase = longHeld("new", END.plus(Duration.ofDays(20)));
        sub(repurchase).put("effectiveStartDate", bought.toString());
        d.event(repurchase);
        d.event(subscription("s1", "expired", false, END.plus(Duration.ofDays(20)).plusSeconds(1)));
        assertThat(types(at(END.plus(Duration.ofDays(31))))).containsExactly("TERM_ENDING", "TERM_ENDED");
    }

    @Test
    void aRepurchaseWithoutAStartCountsFromWhenItWasFirstSeenCounted() {
        d.event(subscription("s1", "expired", false, T0));
        at(END);
        ObjectNode pending = longHeld("new", END.plus(Duration.ofDays(3)));
        sub(pending).remove("effectiveStartDate");
        sub(pending).put("status", "pending");
        d.event(pending);
        ObjectNode active = longHeld("new", END.plus(Duration.ofDays(5)));
        sub(active).remove("effectiveStartDate");
        d.event(active);
        assertThat(at(END.plus(Duration.ofDays(31)))).isEmpty();
    }

    /** An active subscription of the same offer, started 2026-01-14 (the fixture's start), reported at {@code at}. */
    private static ObjectNode longHeld(String id, Instant at) {
        ObjectNode e = event(TENANT, id, "active", at);
        sub(e).put("commitmentEndDate", "2027-01-13");
        return e;
    }

    @Test
    void aPurchaseOfAnotherOfferIsNoRepurchase() {
        d.event(subscription("s1", "expired", false, T0));
        at(END);
        ObjectNode other = event(TENANT, "new", "active", END.plus(Duration.ofDays(3)));
        sub(other).put("offerId", "OTHER:1");
        d.event(other);
        assertThat(types(at(END.plus(Duration.ofDays(31))))).containsExactly("GRACE_PERIOD_ENDING", "REPURCHASE_DEADLINE");
    }

    @Test
    void deletionCancelsAllTimers() {
        d.event(subscription("s1", "active", false, T0));
        d.event(subscription("s1", "deleted", false, T0.plusSeconds(1)));
        assertThat(at(END.plus(Duration.ofDays(31)))).isEmpty();
    }

    @Test
    void pastDueTimersFireAtOnceInOrder() {
        ObjectNode old = event(TENANT, "s1", "expired", T0);
        sub(old).put("commitmentEndDate", "2026-10-01");
        sub(old).put("autoRenewEnabled", false);
        d.event(old);
        d.advance(Duration.ofSeconds(1));
        assertThat(types(d.timers())).containsExactly("TERM_ENDING", "TERM_ENDED", "GRACE_PERIOD_ENDING", "REPURCHASE_DEADLINE");
    }

    @Test
    void nothingFiresTwice() {
        d.event(subscription("s1", "expired", false, T0));
        assertThat(at(END.plus(Duration.ofDays(31)))).hasSize(4);
        d.event(subscription("s1", "expired", false, T0.plusSeconds(10))); // same end: same chain
        assertThat(at(END.plus(Duration.ofDays(60)))).isEmpty();
    }

    @Test
    void timerIdsAreDeterministic() {
        d.event(subscription("s1", "active", false, T0));
        String id = at(END.minus(Duration.ofDays(7))).get(0).get("timerId").asText();
        try (GuardDriver other = new GuardDriver()) {
            other.event(subscription("s1", "active", false, T0));
            other.advance(Duration.between(T0, END.minus(Duration.ofDays(7))).plusSeconds(1));
            assertThat(other.timers().get(0).get("timerId").asText()).isEqualTo(id);
        }
    }

    @Test
    void timersAlreadyDueFireWithTheEventInTheSameWriteOfItsFact() {
        ObjectNode old = subscription("s1", "expired", false, T0);
        sub(old).put("commitmentEndDate", "2026-09-01"); // every timer of the chain is due
        d.metrics.writes.clear();
        d.event(old);
        assertThat(types(d.timers())).as("fired with the event, no punctuation needed")
                .containsExactly("TERM_ENDING", "TERM_ENDED", "GRACE_PERIOD_ENDING", "REPURCHASE_DEADLINE");
        assertThat(d.metrics.writes).containsExactly(1);
        // In Kafka records: the fired timers and the one changelog record of the fact, nothing more
        // (no record for a timer scheduled or retired; the counts record comes with the flush, as for
        // any event that changes a tenant's counts).
        assertThat(d.changelogRecords()).isEqualTo(1);
        assertThat(d.alerts()).isEmpty();
        assertThat(d.decisions()).isEmpty();
        assertThat(d.deadLetters()).isEmpty();
        d.advance(Duration.ofSeconds(5));
        assertThat(d.timers()).isEmpty();
        assertThat(d.changelogRecords()).as("nothing left to fire or to write later").isZero();
        assertThat(d.countsSentSoFar()).hasSize(1);
    }

    @Test
    void aSnapshotOfAChainThatHasAllFiredCostsOneChangelogRecordOnly() {
        ObjectNode first = subscription("s1", "expired", false, T0);
        sub(first).put("commitmentEndDate", "2026-09-01");
        d.event(first);
        assertThat(d.timers()).hasSize(4);
        d.flushCounts();
        d.changelogRecords();
        d.countsSentSoFar();
        ObjectNode again = subscription("s1", "expired", false, T0.plusSeconds(5)); // the same end of term
        sub(again).put("commitmentEndDate", "2026-09-01");
        d.event(again);
        assertThat(d.timers()).as("every timer of the chain already fired").isEmpty();
        assertThat(d.changelogRecords()).isEqualTo(1);
        d.advance(Duration.ofSeconds(5));
        assertThat(d.timers()).isEmpty();
        assertThat(d.changelogRecords()).isZero();
        assertThat(d.countsSentSoFar()).as("the status did not move").isEmpty();
    }

    @Test
    void endDatesChurningAmongManyPastDatesFireEachTimerOnce() {
        // A subscription whose snapshots bring one of ten past end dates after another, twice round.
        Instant at = T0;
        for (int round = 0; round < 2; round++) {
            for (int day = 1; day <= 10; day++) {
                ObjectNode e = subscription("s1", "expired", false, at = at.plusSeconds(10));
                sub(e).put("commitmentEndDate", "2026-09-" + String.format("%02d", day));
                d.event(e);
            }
        }
        List<String> ids = d.timers().stream().map(t -> t.get("timerId").asText()).toList();
        assertThat(ids).hasSize(40).doesNotHaveDuplicates();
    }

    @Test
    void anEndDateMovedBackAndForthFiresEachTimerOnce() {
        // Ended two months ago (every timer of that chain is due), then corrected, then back again.
        ObjectNode old = subscription("s1", "expired", false, T0);
        sub(old).put("commitmentEndDate", "2026-09-01");
        d.event(old);
        d.advance(Duration.ofSeconds(1));
        List<JsonNode> first = d.timers();
        assertThat(types(first)).containsExactly("TERM_ENDING", "TERM_ENDED", "GRACE_PERIOD_ENDING", "REPURCHASE_DEADLINE");
        d.event(subscription("s1", "active", false, T0.plusSeconds(10)));
        ObjectNode back = subscription("s1", "expired", false, T0.plusSeconds(20));
        sub(back).put("commitmentEndDate", "2026-09-01");
        d.event(back);
        d.event(subscription("s1", "deleted", false, T0.plusSeconds(30)));
        ObjectNode restored = subscription("s1", "expired", false, T0.plusSeconds(40));
        sub(restored).put("commitmentEndDate", "2026-09-01");
        d.event(restored);
        d.advance(Duration.ofSeconds(5));
        assertThat(d.timers()).as("the old chain resumes where it stopped: nothing again").isEmpty();
    }

    @Test
    void aRepurchaseThatArrivesBeforeTheExpiredSnapshotStillCounts() {
        // The new subscription was bought 5 days after the old term ended, but its event comes first.
        ObjectNode repurchase = event(TENANT, "new", "active", Instant.parse("2026-10-06T00:00:00Z"));
        sub(repurchase).put("effectiveStartDate", "2026-10-06T00:00:00Z");
        sub(repurchase).put("commitmentEndDate", "2027-10-05");
        d.event(repurchase);
        ObjectNode expired = subscription("old", "expired", false, Instant.parse("2026-10-02T00:00:00Z"));
        sub(expired).put("commitmentEndDate", "2026-10-01"); // ended 53 days before T0: every timer is due
        d.event(expired);
        d.advance(Duration.ofSeconds(1));
        assertThat(types(d.timers())).containsExactly("TERM_ENDING", "TERM_ENDED");
    }

    @Test
    void aPunctuationWithNothingDueTakesNoTimerAndReadsNoFact() {
        for (int i = 0; i < 5_000; i++) {
            d.event(subscription("s" + i, "active", true, T0));
        }
        d.metrics.timersTaken.clear();
        d.metrics.reads.clear();
        for (int i = 0; i < 10; i++) {
            d.advance(Duration.ofSeconds(1)); // ten punctuations, nothing due for days
        }
        assertThat(d.metrics.timersTaken).hasSizeGreaterThanOrEqualTo(10).containsOnly(0);
        assertThat(d.metrics.reads).containsOnly(0);
        assertThat(d.timers()).isEmpty();
        // One timer due among 5,000 later ones: the punctuation takes exactly that one.
        ObjectNode early = subscription("early", "active", false, T0);
        sub(early).put("commitmentEndDate", "2026-12-01");
        d.event(early);
        d.metrics.timersTaken.clear();
        d.advance(Duration.between(d.wallClock(), Instant.parse("2026-11-25T00:00:01Z")));
        assertThat(types(d.timers())).containsExactly("TERM_ENDING");
        assertThat(d.metrics.timersTaken.stream().mapToInt(Integer::intValue).sum()).isEqualTo(1);
    }
}
