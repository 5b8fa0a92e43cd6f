package com.cspguard.domain.planning;

import com.cspguard.domain.Channel;
import com.cspguard.domain.HeldSubscription;
import com.cspguard.domain.Offer;
import com.cspguard.domain.OfferCatalog;
import com.cspguard.domain.SubscriptionStatus;
import com.cspguard.domain.TransferRequest.TransferType;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static com.cspguard.domain.planning.PlanFixtures.CLOCK;
import static com.cspguard.domain.planning.PlanFixtures.OFFER;
import static com.cspguard.domain.planning.PlanFixtures.PLANNER;
import static com.cspguard.domain.planning.PlanFixtures.SOURCE;
import static com.cspguard.domain.planning.PlanFixtures.TARGET;
import static com.cspguard.domain.planning.PlanFixtures.TODAY;
import static com.cspguard.domain.planning.PlanFixtures.nce;
import static com.cspguard.domain.planning.PlanFixtures.plan;
import static com.cspguard.domain.planning.PlanFixtures.planned;
import static com.cspguard.domain.planning.PlanFixtures.request;
import static com.cspguard.domain.planning.PlanFixtures.steps;
import static com.cspguard.domain.planning.PlanFixtures.sub;
import static com.cspguard.domain.planning.PlanFixtures.tenant;
import static com.cspguard.domain.planning.PlanFixtures.withType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/** The planner's new-commerce rules (contract "The plan", domain.md "New commerce") and the defects of issue 17. */
class NewCommercePlanTest {
    private static final LocalDate LONG_TERM = LocalDate.of(2027, 10, 31);
    private static final LocalDate DEADLINE = LocalDate.of(2027, 3, 31);
    private static final String OTHER_SOURCE = "cc000000-0000-4000-8000-00000000000c";

    private static List<HeldSubscription> nces(String prefix, int n, String partner) {
        List<HeldSubscription> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(nce(String.format("%s-%03d", prefix, i), LONG_TERM, partner, LocalDate.of(2026, 1, 14)));
        }
        return out;
    }

    @Test
    void sixtyNewCommerceSubscriptionsPartnerToPartnerGoInTransfersOfAtMost25AndCountNothingTwice() {
        TransferPlan plan = plan(tenant(40, nces("n", 60, SOURCE)), request(TODAY, DEADLINE));
        assertThat(plan.totals().byMethod()).containsEntry(PlanMethod.PARTNER_TRANSFER, 60)
                .containsEntry(PlanMethod.DUPLICATE, 0).containsEntry(PlanMethod.EXPIRE_AND_REPURCHASE, 0);
        assertThat(plan.steps()).extracting(PlanStep::type, PlanStep::actor, PlanStep::date, s -> s.subscriptionIds().size())
                .containsExactly(tuple(StepType.PARTNER_TRANSFER, StepActor.TARGET_PARTNER, TODAY, 25),
                        tuple(StepType.PARTNER_TRANSFER, StepActor.TARGET_PARTNER, TODAY, 25),
                        tuple(StepType.PARTNER_TRANSFER, StepActor.TARGET_PARTNER, TODAY, 10));
        assertThat(plan.steps()).extracting(PlanStep::batch).containsExactly(1, 2, 3);
        assertThat(plan.totals().partnerTransfers()).isEqualTo(3);
        assertThat(plan.totals().peakProjectedCount()).isEqualTo(100).isEqualTo(plan.countedSubscriptions());
        assertThat(plan.totals().licenceDaysLost()).isZero();
        assertThat(planned(plan, "n-000").transferOn()).isEqualTo(TODAY);
        assertThat(planned(plan, "n-000").paidDaysLost()).isZero();
    }

    @Test
    void theTransferSizeIsASetting() {
        TransferPlanner planner = new TransferPlanner(PlanFixtures.POLICY,
                new PlannerSettings(1095, 0, 1, 10, PlannerSettings.DEFAULT_CANCELLATION_WINDOW));
        TransferPlan plan = planner.plan(tenant(0, nces("n", 25, SOURCE)), request(TODAY, DEADLINE),
                OfferCatalog.empty(), CLOCK);
        assertThat(steps(plan, StepType.PARTNER_TRANSFER)).extracting(s -> s.subscriptionIds().size())
                .containsExactly(10, 10, 5);
    }

    @Test
    void oneTransferNeverMixesTwoSourcePartners() {
        List<HeldSubscription> subs = new ArrayList<>(nces("a", 30, SOURCE));
        subs.addAll(nces("b", 5, OTHER_SOURCE));
        TransferPlan plan = plan(tenant(0, subs), request(TODAY, DEADLINE));
        assertThat(steps(plan, StepType.PARTNER_TRANSFER)).extracting(PlanStep::sourcePartnerTenantId,
                        s -> s.subscriptionIds().size())
                .containsExactlyInAnyOrder(tuple(SOURCE, 25), tuple(SOURCE, 5), tuple(OTHER_SOURCE, 5));
    }

    @Test
    void aLegacyAndANewCommerceSourceInOneDuplicatePlan() {
        // moving the customer's own (DIRECT) subscriptions to a partner: no native transfer, so duplication
        HeldSubscription legacy = direct(sub("legacy", LONG_TERM));
        HeldSubscription ncs = nce("ncs", LONG_TERM, null, LocalDate.of(2026, 1, 14));
        TransferPlan plan = plan(tenant(legacy, ncs), withType(request(TODAY, DEADLINE), TransferType.CHANNEL_TO_CSP, null));

        assertThat(plan.totals().byMethod()).containsEntry(PlanMethod.DUPLICATE, 2);
        assertThat(plan.steps()).extracting(PlanStep::type, PlanStep::actor, PlanStep::date, PlanStep::subscriptionIds,
                        PlanStep::projectedCount)
                .containsExactly(
                        // the new-commerce source cannot be cancelled: it must not renew, and the customer owns it
                        tuple(StepType.DISABLE_AUTORENEW, StepActor.CUSTOMER, TODAY, List.of("ncs"), 2),
                        tuple(StepType.DUPLICATE, StepActor.TARGET_PARTNER, DEADLINE.minusDays(1), List.of("legacy", "ncs"), 4),
                        // only the legacy source is cancelled; the other counts until its term end
                        tuple(StepType.CANCEL_SOURCE, StepActor.CUSTOMER, DEADLINE, List.of("legacy"), 3));
        assertThat(planned(plan, "legacy").cancelSourceOn()).isEqualTo(DEADLINE);
        assertThat(planned(plan, "ncs").cancelSourceOn()).isNull();
        assertThat(planned(plan, "ncs").disableAutorenewOn()).isEqualTo(TODAY);
        assertThat(planned(plan, "ncs").reason()).contains("past its cancellation window");
        // billed until its term end: the same paid term lost as if it were cancelled
        assertThat(planned(plan, "ncs").paidDaysLost()).isEqualTo(planned(plan, "legacy").paidDaysLost()).isEqualTo(214);
        assertThat(plan.warnings()).extracting(PlanFinding::code).contains(PlanTexts.CANCELLATION_NOT_POSSIBLE);
        assertThat(plan.warnings().stream().filter(w -> w.code().equals(PlanTexts.CANCELLATION_NOT_POSSIBLE)).findFirst()
                .orElseThrow().remediation()).contains("PARTNER_TRANSFER");
        assertThat(plan.totals().peakProjectedCount()).isEqualTo(4);
    }

    @Test
    void partnerToPartnerTheNewCommerceSourceIsTransferredAndTheLegacyOneDuplicated() {
        TransferPlan plan = plan(tenant(sub("legacy", LONG_TERM), nce("ncs", LONG_TERM)), request(TODAY, DEADLINE));
        assertThat(planned(plan, "ncs").method()).isEqualTo(PlanMethod.PARTNER_TRANSFER);
        assertThat(planned(plan, "legacy").method()).isEqualTo(PlanMethod.DUPLICATE);
        assertThat(plan.steps()).extracting(PlanStep::type, PlanStep::actor, PlanStep::projectedCount).containsExactly(
                tuple(StepType.PARTNER_TRANSFER, StepActor.TARGET_PARTNER, 2),
                tuple(StepType.DUPLICATE, StepActor.TARGET_PARTNER, 3),
                tuple(StepType.CANCEL_SOURCE, StepActor.SOURCE_PARTNER, 2));
    }

    @Test
    void aNewCommerceSourceWhoseWindowLastsThroughTheDeadlineIsCancelled() {
        // bought on 2026-11-28: cancellable until 2026-12-05, the deadline is 2026-12-04
        HeldSubscription fresh = nce("fresh", LONG_TERM, null, LocalDate.of(2026, 11, 28));
        TransferPlan plan = plan(tenant(fresh), withType(request(TODAY, LocalDate.of(2026, 12, 4)),
                TransferType.CHANNEL_TO_CSP, null));
        assertThat(planned(plan, "fresh").cancelSourceOn()).isEqualTo(LocalDate.of(2026, 12, 4));
        assertThat(steps(plan, StepType.CANCEL_SOURCE)).singleElement()
                .satisfies(s -> assertThat(s.projectedCount()).isEqualTo(1));
        assertThat(plan.warnings()).extracting(PlanFinding::code).doesNotContain(PlanTexts.CANCELLATION_NOT_POSSIBLE);
        // one day later the window closes before the deadline: not cancelled
        TransferPlan later = plan(tenant(fresh), withType(request(TODAY, LocalDate.of(2026, 12, 5)),
                TransferType.CHANNEL_TO_CSP, null));
        assertThat(planned(later, "fresh").cancelSourceOn()).isNull();
    }

    @Test
    void sourcesThatCannotBeCancelledTakeRoomForTheWholePlanAndThePeakStaysAtTheMaximum() {
        List<HeldSubscription> subs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            subs.add(nce(String.format("k-%02d", i), LONG_TERM, null, LocalDate.of(2026, 1, 14)));
        }
        subs.add(direct(sub("legacy", LONG_TERM)));
        TransferPlan plan = plan(tenant(284, subs), withType(request(TODAY, DEADLINE), TransferType.CHANNEL_TO_CSP, null));
        // 295 counted: 5 places left, taken for good by the first five copies that stay; the other five,
        // and the legacy one (whose batch would need a sixth place while in flight), do not fit
        assertThat(plan.totals().byMethod()).containsEntry(PlanMethod.DUPLICATE, 5);
        assertThat(plan.blockers()).singleElement().satisfies(b -> {
            assertThat(b.code()).isEqualTo("TENANT_LIMIT_EXCEEDED");
            assertThat(b.subscriptionIds()).hasSize(6).contains("legacy", "k-05", "k-09");
        });
        assertThat(plan.totals().peakProjectedCount()).isEqualTo(300);
        assertThat(plan.steps()).allSatisfy(s -> assertThat(s.projectedCount()).isLessThanOrEqualTo(300));
        // and they still count at the end of the plan
        assertThat(plan.steps().get(plan.steps().size() - 1).projectedCount()).isEqualTo(300);
    }

    // ---- the defects ----------------------------------------------------------------------------

    @Test
    void subscriptionsTheTargetPartnerAlreadyHoldsAreNotPlanned() {
        HeldSubscription theirs = new HeldSubscription("e", TODAY.atStartOfDay().toInstant(java.time.ZoneOffset.UTC),
                Channel.CSP, TARGET, sub("theirs", LONG_TERM).subscription());
        TransferPlan plan = plan(tenant(sub("mine", LONG_TERM), theirs), request(TODAY, DEADLINE));
        assertThat(plan.alreadyWithTarget()).containsExactly("theirs");
        assertThat(plan.subscriptions()).extracting(PlannedSubscription::subscriptionId).containsExactly("mine");
        assertThat(plan.steps()).allSatisfy(s -> assertThat(s.subscriptionIds()).doesNotContain("theirs"));
        assertThat(steps(plan, StepType.DUPLICATE)).singleElement()
                .satisfies(s -> assertThat(s.projectedCount()).isEqualTo(3));
    }

    @Test
    void anEquivalenceListedOnlyOnTheNewOfferIsFound() {
        OfferCatalog catalog = PlanFixtures.catalog(
                new Offer("OLD:3", "Old", Offer.OfferStatus.DISCONTINUED, List.of()),
                new Offer("NEW:3", "Successor", Offer.OfferStatus.AVAILABLE, List.of("OLD:3")));
        TransferPlan plan = PLANNER.plan(tenant(sub("old", LONG_TERM, 10, true, SubscriptionStatus.ACTIVE, "OLD:3")),
                request(TODAY, DEADLINE), catalog, CLOCK);
        assertThat(plan.blockers()).isEmpty();
        assertThat(planned(plan, "old").targetOfferId()).isEqualTo("NEW:3");
        assertThat(planned(plan, "old").reason()).contains("equivalent NEW:3");
    }

    @Test
    void anUnknownTermEndIsAnUnknownLossNotZero() {
        TransferPlan plan = plan(tenant(sub("open", null), sub("known", LONG_TERM)), request(TODAY, DEADLINE));
        assertThat(planned(plan, "open").method()).isEqualTo(PlanMethod.DUPLICATE);
        assertThat(planned(plan, "open").paidDaysLost()).isNull();
        assertThat(planned(plan, "open").licenceDaysLost()).isNull();
        assertThat(planned(plan, "open").reason()).contains("paid days lost unknown (up to one term, P1Y)");
        assertThat(plan.totals().lossUnknown()).isEqualTo(1);
        assertThat(plan.totals().licenceDaysLost()).isEqualTo(planned(plan, "known").licenceDaysLost());
    }

    @Test
    void aRenewedSubscriptionsLossIsUnknownToo() {
        // end date before the start and autorenew on: it has renewed, its current end is not known
        TransferPlan plan = plan(tenant(sub("renewed", LocalDate.of(2026, 11, 20))), request(TODAY, DEADLINE));
        assertThat(planned(plan, "renewed").paidDaysLost()).isNull();
        assertThat(plan.totals().lossUnknown()).isEqualTo(1);
    }

    @Test
    void tenantToTenantCopiesCountInTheTargetTenantNotTheSource() {
        List<HeldSubscription> subs = PlanFixtures.subs("s", 100, LONG_TERM);
        // the source counts 250: partner to partner that needs two batches of 50
        TransferPlan p2p = plan(tenant(150, subs), request(TODAY, DEADLINE));
        assertThat(p2p.totals().batches()).isEqualTo(2);
        // into a new tenant one batch: the source never rises, the target reaches 100
        TransferPlan t2t = plan(tenant(150, subs), withType(request(TODAY, DEADLINE), TransferType.TENANT_TO_TENANT, null));
        assertThat(t2t.totals().batches()).isEqualTo(1);
        assertThat(t2t.targetCountedSubscriptions()).isZero();
        assertThat(t2t.steps()).extracting(PlanStep::type, PlanStep::projectedCount, PlanStep::targetProjectedCount)
                .containsExactly(tuple(StepType.DUPLICATE, 250, 100), tuple(StepType.CANCEL_SOURCE, 150, 100));
        assertThat(t2t.totals().peakProjectedCount()).isEqualTo(250);
        assertThat(t2t.warnings()).extracting(PlanFinding::code).contains("DATA_MIGRATION_REQUIRED");
    }

    @Test
    void tenantToTenantTheTargetTenantsCountLimitsTheMove() {
        List<HeldSubscription> subs = PlanFixtures.subs("s", 100, LONG_TERM);
        TransferPlan plan = plan(tenant(0, subs), withType(request(TODAY, DEADLINE), TransferType.TENANT_TO_TENANT, 250));
        assertThat(plan.totals().byMethod()).containsEntry(PlanMethod.DUPLICATE, 50);
        assertThat(plan.blockers()).singleElement().satisfies(b -> {
            assertThat(b.code()).isEqualTo("TENANT_LIMIT_EXCEEDED");
            assertThat(b.subscriptionIds()).hasSize(50);
            assertThat(b.message()).contains("target tenant");
        });
        assertThat(plan.totals().peakProjectedCount()).isEqualTo(300);
        // a subscription the target partner holds still moves between tenants
        HeldSubscription theirs = new HeldSubscription("e", TODAY.atStartOfDay().toInstant(java.time.ZoneOffset.UTC),
                Channel.CSP, TARGET, sub("theirs", LONG_TERM).subscription());
        assertThat(plan(tenant(theirs), withType(request(TODAY, DEADLINE), TransferType.TENANT_TO_TENANT, null))
                .alreadyWithTarget()).isEmpty();
    }

    @Test
    void repurchaseWindowsRunningPastTheDeadlineAreAWarning() {
        TransferPlan plan = plan(tenant(sub("early", LocalDate.of(2027, 1, 31)), sub("late", LocalDate.of(2027, 3, 20))),
                request(TODAY, DEADLINE));
        assertThat(plan.warnings()).filteredOn(w -> w.code().equals(PlanTexts.REPURCHASE_AFTER_DEADLINE)).singleElement()
                .satisfies(w -> {
                    assertThat(w.subscriptionIds()).containsExactly("late");
                    assertThat(w.message()).contains("2027-04-19");
                });
    }

    @Test
    void turningAutorenewOffOnTheTermsLastDayIsAWarning() {
        TransferPlan plan = plan(tenant(sub("today", TODAY), sub("later", LocalDate.of(2027, 1, 31))),
                request(TODAY, DEADLINE));
        assertThat(planned(plan, "today").disableAutorenewOn()).isEqualTo(TODAY);
        assertThat(plan.warnings()).filteredOn(w -> w.code().equals(PlanTexts.AUTORENEW_OFF_ON_LAST_DAY)).singleElement()
                .satisfies(w -> assertThat(w.subscriptionIds()).containsExactly("today"));
    }

    @Test
    void eachCodeIsOneFindingWithAllItsSubscriptions() {
        TransferPlan plan = plan(tenant(sub("gone", LONG_TERM, 1, false, SubscriptionStatus.DISABLED, OFFER),
                        sub("lost", LocalDate.of(2026, 10, 1), 1, false, SubscriptionStatus.EXPIRED, OFFER)),
                request(TODAY, DEADLINE, "gone", "lost"));
        assertThat(plan.blockers()).singleElement().satisfies(b -> {
            assertThat(b.code()).isEqualTo("SUBSCRIPTION_NOT_TRANSFERABLE");
            assertThat(b.subscriptionIds()).containsExactly("gone", "lost");
            assertThat(b.message()).contains("disabled").contains("grace period");
        });
    }

    @Test
    void theCustomerActsOnWhatNoPartnerHoldsAndEachSourcePartnerOnItsOwn() {
        HeldSubscription otherPartner = new HeldSubscription("e", TODAY.atStartOfDay().toInstant(java.time.ZoneOffset.UTC),
                Channel.CSP, OTHER_SOURCE, sub("b", LONG_TERM).subscription());
        TransferPlan plan = plan(tenant(sub("a", LONG_TERM), otherPartner, direct(sub("c", LocalDate.of(2027, 1, 31)))),
                withType(request(TODAY, DEADLINE), TransferType.CHANNEL_TO_CSP, null));
        assertThat(steps(plan, StepType.DISABLE_AUTORENEW)).singleElement().satisfies(s -> {
            assertThat(s.actor()).isEqualTo(StepActor.CUSTOMER);
            assertThat(s.subscriptionIds()).containsExactly("c");
        });
        assertThat(steps(plan, StepType.CANCEL_SOURCE)).extracting(PlanStep::actor, PlanStep::sourcePartnerTenantId,
                        PlanStep::subscriptionIds, PlanStep::batch)
                .containsExactlyInAnyOrder(tuple(StepActor.SOURCE_PARTNER, SOURCE, List.of("a"), 1),
                        tuple(StepActor.SOURCE_PARTNER, OTHER_SOURCE, List.of("b"), 1));
    }

    private static HeldSubscription direct(HeldSubscription h) {
        return new HeldSubscription(h.lastEventId(), h.occurredAt(), Channel.DIRECT, null, h.subscription());
    }
}
