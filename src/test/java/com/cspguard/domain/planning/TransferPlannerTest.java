package com.cspguard.domain.planning;

import com.cspguard.domain.AlertCode;
import com.cspguard.domain.Finding;
import com.cspguard.domain.HeldSubscription;
import com.cspguard.domain.Offer;
import com.cspguard.domain.OfferCatalog;
import com.cspguard.domain.SubscriptionStatus;
import com.cspguard.domain.TenantSnapshot;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.cspguard.domain.planning.PlanFixtures.CLOCK;
import static com.cspguard.domain.planning.PlanFixtures.OFFER;
import static com.cspguard.domain.planning.PlanFixtures.PLANNER;
import static com.cspguard.domain.planning.PlanFixtures.POLICY;
import static com.cspguard.domain.planning.PlanFixtures.TODAY;
import static com.cspguard.domain.planning.PlanFixtures.catalog;
import static com.cspguard.domain.planning.PlanFixtures.plan;
import static com.cspguard.domain.planning.PlanFixtures.planned;
import static com.cspguard.domain.planning.PlanFixtures.request;
import static com.cspguard.domain.planning.PlanFixtures.steps;
import static com.cspguard.domain.planning.PlanFixtures.sub;
import static com.cspguard.domain.planning.PlanFixtures.subs;
import static com.cspguard.domain.planning.PlanFixtures.tenant;
import static com.cspguard.domain.planning.PlanFixtures.withRole;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TransferPlannerTest {
    private static final LocalDate LONG_TERM = LocalDate.of(2027, 10, 31);
    private static final LocalDate DEADLINE = LocalDate.of(2027, 3, 31);

    @Nested
    class AllExpiry {
        private final TransferPlan plan = plan(tenant(100, List.of(
                        sub("a", LocalDate.of(2027, 1, 31)),
                        sub("b", LocalDate.of(2027, 3, 15), 10, false, SubscriptionStatus.ACTIVE, OFFER),
                        sub("c", LocalDate.of(2027, 6, 30)))),
                request(TODAY, LocalDate.of(2027, 6, 30)));

        @Test
        void everyTermEndingByTheDeadlineExpiresAndNothingIsDuplicated() {
            assertThat(plan.totals().byMethod()).containsEntry(PlanMethod.EXPIRE_AND_REPURCHASE, 3)
                    .containsEntry(PlanMethod.DUPLICATE, 0);
            assertThat(plan.subscriptions()).allSatisfy(p -> {
                assertThat(p.method()).isEqualTo(PlanMethod.EXPIRE_AND_REPURCHASE);
                assertThat(p.paidDaysLost()).isZero();
                assertThat(p.duplicateOn()).isNull();
            });
            assertThat(steps(plan, StepType.DUPLICATE)).isEmpty();
            assertThat(steps(plan, StepType.CANCEL_SOURCE)).isEmpty();
            assertThat(plan.totals().licenceDaysLost()).isZero();
            assertThat(plan.totals().batches()).isZero();
            assertThat(plan.batchCapacity()).isZero();
        }

        @Test
        void theLimitIsNeverTouched() {
            assertThat(plan.countedSubscriptions()).isEqualTo(103);
            assertThat(plan.steps()).allSatisfy(s -> assertThat(s.projectedCount()).isEqualTo(103));
            assertThat(plan.totals().peakProjectedCount()).isEqualTo(103);
        }

        @Test
        void autorenewIsTurnedOffOnTheStartDateOnlyWhereItIsOn() {
            PlanStep first = plan.steps().get(0);
            assertThat(first.type()).isEqualTo(StepType.DISABLE_AUTORENEW);
            assertThat(first.date()).isEqualTo(TODAY);
            assertThat(first.subscriptionIds()).containsExactly("a", "c");
            assertThat(planned(plan, "a").disableAutorenewOn()).isEqualTo(TODAY);
            assertThat(planned(plan, "b").disableAutorenewOn()).isNull();
        }

        @Test
        void eachTermEndGetsARepurchaseWindowOfThirtyDaysAfterIt() {
            List<PlanStep> repurchases = steps(plan, StepType.REPURCHASE);
            assertThat(repurchases).extracting(PlanStep::date).containsExactly(
                    LocalDate.of(2027, 2, 1), LocalDate.of(2027, 3, 16), LocalDate.of(2027, 7, 1));
            assertThat(repurchases).extracting(PlanStep::windowTo).containsExactly(
                    LocalDate.of(2027, 3, 2), LocalDate.of(2027, 4, 14), LocalDate.of(2027, 7, 30));
            assertThat(repurchases).extracting(PlanStep::subscriptionIds)
                    .containsExactly(List.of("a"), List.of("b"), List.of("c"));
            assertThat(planned(plan, "c").repurchaseTo()).isEqualTo(LocalDate.of(2027, 7, 30));
            assertThat(plan.totals().earliestDataLossDeadline()).isEqualTo(LocalDate.of(2027, 3, 2));
        }
    }

    @Nested
    class LongTerms170 {
        private final TransferPlan plan = plan(tenant(0, subs("s", 170, LONG_TERM)), request(TODAY, DEADLINE));

        @Test
        void batchesAsLargeAsTheLimitAllowsTheSmallerOneFirst() {
            assertThat(plan.batchCapacity()).isEqualTo(130);
            assertThat(steps(plan, StepType.DUPLICATE)).extracting(s -> s.subscriptionIds().size()).containsExactly(40, 130);
            assertThat(plan.totals().byMethod()).containsEntry(PlanMethod.DUPLICATE, 170);
            assertThat(plan.totals().batches()).isEqualTo(2);
        }

        @Test
        void thePeakReachesButNeverPassesTheMaximum() {
            assertThat(plan.steps()).extracting(PlanStep::type, PlanStep::date, PlanStep::projectedCount).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(StepType.DUPLICATE, LocalDate.of(2027, 3, 29), 210),
                    org.assertj.core.groups.Tuple.tuple(StepType.CANCEL_SOURCE, LocalDate.of(2027, 3, 30), 170),
                    org.assertj.core.groups.Tuple.tuple(StepType.DUPLICATE, LocalDate.of(2027, 3, 30), 300),
                    org.assertj.core.groups.Tuple.tuple(StepType.CANCEL_SOURCE, LocalDate.of(2027, 3, 31), 170));
            assertThat(plan.totals().peakProjectedCount()).isEqualTo(300);
        }

        @Test
        void eachBatchIsCancelledBeforeTheNextIsDuplicated() {
            List<PlanStep> steps = plan.steps();
            for (int batch = 1; batch < plan.totals().batches(); batch++) {
                int cancel = indexOf(steps, StepType.CANCEL_SOURCE, batch);
                int next = indexOf(steps, StepType.DUPLICATE, batch + 1);
                assertThat(cancel).isLessThan(next);
                assertThat(steps.get(cancel).date()).isBeforeOrEqualTo(steps.get(next).date());
                assertThat(steps.get(cancel).subscriptionIds()).isEqualTo(steps.get(indexOf(steps, StepType.DUPLICATE, batch)).subscriptionIds());
            }
        }

        @Test
        void asLateAsTheDeadlineAllows() {
            assertThat(steps(plan, StepType.CANCEL_SOURCE).get(1).date()).isEqualTo(DEADLINE);
        }

        @Test
        void paidTermLostIsCountedFromTheCancellationToTheTermEnd() {
            PlannedSubscription first = plan.subscriptions().stream().filter(p -> p.batch() == 1).findFirst().orElseThrow();
            PlannedSubscription last = plan.subscriptions().stream().filter(p -> p.batch() == 2).findFirst().orElseThrow();
            // 2027-03-30 .. 2027-10-31: 1 + 30 + 31 + 30 + 31 + 31 + 30 + 31 days after the cancellation day
            assertThat(first.paidDaysLost()).isEqualTo(215);
            assertThat(first.licenceDaysLost()).isEqualTo(2150);
            assertThat(last.paidDaysLost()).isEqualTo(214);
            assertThat(plan.totals().licenceDaysLost()).isEqualTo(10L * (40 * 215 + 130 * 214));
            assertThat(plan.totals().earliestDataLossDeadline()).isNull();
        }

        private int indexOf(List<PlanStep> steps, StepType type, int batch) {
            for (int i = 0; i < steps.size(); i++) {
                if (steps.get(i).type() == type && steps.get(i).batch() == batch) {
                    return i;
                }
            }
            throw new AssertionError("no " + type + " for batch " + batch);
        }
    }

    @Test
    void aTenantAt290MovesInBatchesOfTen() {
        TransferPlan plan = plan(tenant(260, subs("s", 30, LONG_TERM)), request(TODAY, DEADLINE));
        assertThat(plan.countedSubscriptions()).isEqualTo(290);
        assertThat(plan.batchCapacity()).isEqualTo(10);
        assertThat(steps(plan, StepType.DUPLICATE)).extracting(s -> s.subscriptionIds().size()).containsExactly(10, 10, 10);
        assertThat(steps(plan, StepType.DUPLICATE)).extracting(PlanStep::projectedCount).containsOnly(300);
        assertThat(steps(plan, StepType.CANCEL_SOURCE)).extracting(PlanStep::projectedCount).containsOnly(290);
        assertThat(plan.totals().peakProjectedCount()).isEqualTo(300);
    }

    @Test
    void theMarginIsKeptFreeBelowTheMaximum() {
        TransferPlanner planner = new TransferPlanner(POLICY, new PlannerSettings(1095, 5, 1));
        TransferPlan plan = planner.plan(tenant(260, subs("s", 30, LONG_TERM)), request(TODAY, DEADLINE),
                OfferCatalog.empty(), CLOCK);
        assertThat(plan.batchCapacity()).isEqualTo(5);
        assertThat(plan.totals().batches()).isEqualTo(6);
        assertThat(plan.totals().peakProjectedCount()).isEqualTo(295);
    }

    @Test
    void theCancelIntervalSpacesTheBatches() {
        TransferPlanner planner = new TransferPlanner(POLICY, new PlannerSettings(1095, 0, 3));
        TransferPlan plan = planner.plan(tenant(260, subs("s", 30, LONG_TERM)), request(TODAY, DEADLINE),
                OfferCatalog.empty(), CLOCK);
        assertThat(steps(plan, StepType.DUPLICATE)).extracting(PlanStep::date).containsExactly(
                LocalDate.of(2027, 3, 22), LocalDate.of(2027, 3, 25), LocalDate.of(2027, 3, 28));
        assertThat(steps(plan, StepType.CANCEL_SOURCE)).extracting(PlanStep::date).containsExactly(
                LocalDate.of(2027, 3, 25), LocalDate.of(2027, 3, 28), DEADLINE);
    }

    @Test
    void theLargestQuantitiesGoInTheLatestBatchesWhichLoseTheFewestDays() {
        List<HeldSubscription> moved = List.of(
                sub("small", LONG_TERM, 5, true, SubscriptionStatus.ACTIVE, OFFER),
                sub("large", LONG_TERM, 50, true, SubscriptionStatus.ACTIVE, OFFER),
                sub("medium", LONG_TERM, 20, true, SubscriptionStatus.ACTIVE, OFFER));
        TransferPlan plan = plan(tenant(296, moved), request(TODAY, DEADLINE));
        assertThat(plan.batchCapacity()).isEqualTo(1);
        assertThat(planned(plan, "small").batch()).isEqualTo(1);
        assertThat(planned(plan, "medium").batch()).isEqualTo(2);
        assertThat(planned(plan, "large").batch()).isEqualTo(3);
        assertThat(planned(plan, "large").cancelSourceOn()).isEqualTo(DEADLINE);
    }

    @Test
    void mixedEndDatesSplitByTheDeadline() {
        TransferPlan plan = plan(tenant(sub("soon", LocalDate.of(2027, 2, 28)), sub("later", LONG_TERM)),
                request(TODAY, DEADLINE));
        assertThat(planned(plan, "soon").method()).isEqualTo(PlanMethod.EXPIRE_AND_REPURCHASE);
        assertThat(planned(plan, "later").method()).isEqualTo(PlanMethod.DUPLICATE);
        assertThat(planned(plan, "later").reason()).contains("after the deadline 2027-03-31");
        assertThat(plan.steps()).extracting(PlanStep::type).containsExactly(StepType.DISABLE_AUTORENEW,
                StepType.REPURCHASE, StepType.DUPLICATE, StepType.CANCEL_SOURCE);
        assertThat(steps(plan, StepType.DISABLE_AUTORENEW).get(0).subscriptionIds()).containsExactly("soon");
    }

    @Nested
    class Blockers {
        private final OfferCatalog catalog = catalog(
                new Offer("OLD:1", "Old", Offer.OfferStatus.DISCONTINUED, List.of()),
                new Offer("OLD:2", "Old with successor", Offer.OfferStatus.DISCONTINUED, List.of("NEW:2")),
                new Offer("NEW:2", "New", Offer.OfferStatus.AVAILABLE, List.of()));
        private final TenantSnapshot tenant = tenant(
                sub("orphan", LONG_TERM, 10, true, SubscriptionStatus.ACTIVE, "OLD:1"),
                sub("successor", LONG_TERM, 10, true, SubscriptionStatus.ACTIVE, "OLD:2"),
                sub("plain", LONG_TERM));

        @Test
        void aDiscontinuedOfferWithoutEquivalentIsABlockerNotAStep() {
            TransferPlan plan = PLANNER.plan(tenant, request(TODAY, DEADLINE), catalog, CLOCK);
            assertThat(plan.blockers()).extracting(PlanFinding::code).containsExactly(AlertCode.OFFER_DISCONTINUED.name());
            assertThat(plan.blockers().get(0).subscriptionIds()).containsExactly("orphan");
            assertThat(plan.blockers().get(0).message()).contains("no longer sold");
            assertThat(plan.subscriptions()).extracting(PlannedSubscription::subscriptionId)
                    .containsExactly("plain", "successor");
            assertThat(plan.steps()).allSatisfy(s -> assertThat(s.subscriptionIds()).doesNotContain("orphan"));
            assertThat(plan.totals().blocked()).isEqualTo(1);
        }

        @Test
        void aDiscontinuedOfferWithAnAvailableEquivalentIsRepurchasedAsTheEquivalent() {
            TransferPlan plan = PLANNER.plan(tenant, request(TODAY, DEADLINE), catalog, CLOCK);
            assertThat(planned(plan, "successor").targetOfferId()).isEqualTo("NEW:2");
            assertThat(planned(plan, "successor").reason()).contains("equivalent NEW:2");
            assertThat(planned(plan, "plain").targetOfferId()).isEqualTo(OFFER);
        }

        @Test
        void anUnknownSubscriptionIsABlocker() {
            TransferPlan plan = plan(tenant, request(TODAY, DEADLINE, "plain", "ghost"));
            assertThat(plan.blockers()).extracting(PlanFinding::code).containsExactly(AlertCode.SUBSCRIPTION_NOT_FOUND.name());
            assertThat(plan.blockers().get(0).subscriptionIds()).containsExactly("ghost");
            assertThat(plan.subscriptions()).extracting(PlannedSubscription::subscriptionId).containsExactly("plain");
        }

        @Test
        void aRoleThatMayNotMoveCustomersBlocksEverySubscription() {
            TransferPlan plan = PLANNER.plan(tenant, withRole(request(TODAY, DEADLINE), "HELPDESK_AGENT"), catalog, CLOCK);
            PlanFinding role = plan.blockers().stream().filter(f -> f.code() == AlertCode.ROLE_NOT_PERMITTED.name())
                    .findFirst().orElseThrow();
            assertThat(role.subscriptionIds()).containsExactly("orphan", "plain", "successor");
            assertThat(plan.subscriptions()).isEmpty();
            assertThat(plan.steps()).isEmpty();
            assertThat(plan.totals().blocked()).isEqualTo(3);
        }

        @Test
        void aDisabledSubscriptionIsNotTransferable() {
            TransferPlan plan = plan(tenant(sub("gone", LONG_TERM, 1, false, SubscriptionStatus.DISABLED, OFFER)),
                    request(TODAY, DEADLINE, "gone"));
            assertThat(plan.blockers()).extracting(PlanFinding::code).containsExactly(AlertCode.SUBSCRIPTION_NOT_TRANSFERABLE.name());
            assertThat(plan.subscriptions()).isEmpty();
        }

        @Test
        void noRoomToDuplicateAtTheMaximumIsABlocker() {
            TransferPlan plan = plan(tenant(298, List.of(sub("full", LONG_TERM), sub("fine", LocalDate.of(2027, 1, 31)))),
                    request(TODAY, DEADLINE));
            assertThat(plan.blockers()).extracting(PlanFinding::code).containsExactly(AlertCode.TENANT_LIMIT_EXCEEDED.name());
            assertThat(plan.blockers().get(0).subscriptionIds()).containsExactly("full");
            assertThat(planned(plan, "fine").method()).isEqualTo(PlanMethod.EXPIRE_AND_REPURCHASE);
            assertThat(plan.totals().peakProjectedCount()).isEqualTo(300);
        }
    }

    @Nested
    class ExpiredSources {
        @Test
        void anExpiredSubscriptionWithinItsGracePeriodIsRepurchasedAndCountsAgain() {
            HeldSubscription expired = sub("x", LocalDate.of(2026, 11, 20), 10, false, SubscriptionStatus.EXPIRED, OFFER);
            TransferPlan plan = plan(tenant(5, List.of(expired)), request(TODAY, DEADLINE, "x"));
            PlanStep repurchase = steps(plan, StepType.REPURCHASE).get(0);
            assertThat(repurchase.date()).isEqualTo(TODAY);
            assertThat(repurchase.windowTo()).isEqualTo(LocalDate.of(2026, 12, 20));
            assertThat(repurchase.projectedCount()).isEqualTo(6);
            assertThat(steps(plan, StepType.DISABLE_AUTORENEW)).isEmpty();
        }

        @Test
        void anExpiredSubscriptionPastItsGracePeriodIsABlocker() {
            HeldSubscription lost = sub("x", LocalDate.of(2026, 10, 1), 10, false, SubscriptionStatus.EXPIRED, OFFER);
            TransferPlan plan = plan(tenant(lost), request(TODAY, DEADLINE, "x"));
            assertThat(plan.blockers()).extracting(PlanFinding::code).containsExactly(AlertCode.SUBSCRIPTION_NOT_TRANSFERABLE.name());
            assertThat(plan.blockers().get(0).message()).contains("grace period");
        }

        @Test
        void withoutNamedIdsOnlyCountedSubscriptionsAreMoved() {
            TransferPlan plan = plan(tenant(sub("a", LONG_TERM),
                    sub("x", LocalDate.of(2026, 11, 20), 10, false, SubscriptionStatus.EXPIRED, OFFER)), request(TODAY, DEADLINE));
            assertThat(plan.subscriptions()).extracting(PlannedSubscription::subscriptionId).containsExactly("a");
        }
    }

    @Nested
    class Dates {
        @Test
        void aDeadlineBeforeTheStartIsRejected() {
            assertThatThrownBy(() -> plan(tenant(sub("a", LONG_TERM)), request(TODAY, TODAY.minusDays(1))))
                    .isInstanceOf(PlanningException.class)
                    .hasMessageContaining("deadline 2026-11-30 is before the start date 2026-12-01");
        }

        @Test
        void aDeadlineBeforeTheEarliestPossibleEndOfTheBatchesIsRejected() {
            TenantSnapshot tenant = tenant(0, subs("s", 170, LONG_TERM));
            // two batches need two days: the earliest possible deadline is the start + 2
            assertThatThrownBy(() -> plan(tenant, request(TODAY, TODAY.plusDays(1))))
                    .isInstanceOf(PlanningException.class)
                    .hasMessageContaining("before the earliest possible end of the plan 2026-12-03")
                    .hasMessageContaining("2 batches of at most 130");
            TransferPlan plan = plan(tenant, request(TODAY, TODAY.plusDays(2)));
            assertThat(steps(plan, StepType.DUPLICATE).get(0).date()).isEqualTo(TODAY);
        }

        @Test
        void aStartInThePastIsRejected() {
            assertThatThrownBy(() -> plan(tenant(sub("a", LONG_TERM)), request(TODAY.minusDays(1), DEADLINE)))
                    .isInstanceOf(PlanningException.class).hasMessageContaining("startDate 2026-11-30 is in the past");
        }

        @Test
        void withoutAStartDateThePlanStartsToday() {
            TransferPlan plan = plan(tenant(sub("a", LocalDate.of(2027, 1, 31))), request(null, DEADLINE));
            assertThat(plan.startDate()).isEqualTo(TODAY);
            assertThat(steps(plan, StepType.DISABLE_AUTORENEW).get(0).date()).isEqualTo(TODAY);
        }

        @Test
        void aDeadlineBeyondTheHorizonIsRejected() {
            TransferPlanner planner = new TransferPlanner(POLICY, new PlannerSettings(90, 0, 1));
            assertThatThrownBy(() -> planner.plan(tenant(sub("a", LONG_TERM)), request(TODAY, TODAY.plusDays(91)),
                    OfferCatalog.empty(), CLOCK))
                    .isInstanceOf(PlanningException.class).hasMessageContaining("more than 90 days");
            assertThat(planner.plan(tenant(sub("a", LONG_TERM)), request(TODAY, TODAY.plusDays(90)),
                    OfferCatalog.empty(), CLOCK).subscriptions()).hasSize(1);
        }
    }

    @Test
    void theSameStateInAnotherOrderGivesTheSamePlan() {
        List<HeldSubscription> subs = new ArrayList<>(subs("s", 40, LONG_TERM));
        subs.addAll(subs("e", 20, LocalDate.of(2027, 2, 14)));
        TransferPlan one = plan(tenant(250, subs), request(TODAY, DEADLINE));
        Collections.reverse(subs);
        Map<String, HeldSubscription> reversed = new LinkedHashMap<>();
        subs.forEach(s -> reversed.put(s.id(), s));
        TransferPlan two = plan(new TenantSnapshot(PlanFixtures.TENANT, 310, "DE", reversed), request(TODAY, DEADLINE));
        assertThat(two).isEqualTo(one);
    }

    @Test
    void settingsAreChecked() {
        assertThatThrownBy(() -> new PlannerSettings(0, 0, 1)).hasMessageContaining("guard.planner.horizon");
        assertThatThrownBy(() -> new PlannerSettings(10, -1, 1)).hasMessageContaining("guard.planner.batch-margin");
        assertThatThrownBy(() -> new PlannerSettings(10, 0, 0)).hasMessageContaining("guard.planner.cancel-after");
        assertThatThrownBy(() -> new TransferPlanner(POLICY, new PlannerSettings(10, 300, 1)))
                .hasMessageContaining("no room below the tenant maximum 300");
    }
}
