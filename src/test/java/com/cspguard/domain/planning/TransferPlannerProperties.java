package com.cspguard.domain.planning;

import com.cspguard.domain.Channel;
import com.cspguard.domain.CommerceType;
import com.cspguard.domain.Decision;
import com.cspguard.domain.Evaluation;
import com.cspguard.domain.Finding;
import com.cspguard.domain.GuardPolicy;
import com.cspguard.domain.HeldSubscription;
import com.cspguard.domain.Offer;
import com.cspguard.domain.OfferCatalog;
import com.cspguard.domain.Subscription;
import com.cspguard.domain.SubscriptionStatus;
import com.cspguard.domain.TenantSnapshot;
import com.cspguard.domain.TransferEvaluator;
import com.cspguard.domain.TransferRequest;
import com.cspguard.domain.TransferRequest.LineItem;
import com.cspguard.domain.TransferRequest.RequestedBy;
import com.cspguard.domain.TransferRequest.TransferMethod;
import com.cspguard.domain.TransferRequest.TransferStatus;
import com.cspguard.domain.TransferRequest.TransferType;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties of {@link TransferPlanner} over random tenants (up to 300 subscriptions, any status,
 * legacy or new commerce with cancellation windows open or closed, from three partners (one of them
 * the target) or DIRECT, end dates from two months ago to two years ahead, some without), catalogs
 * with discontinued offers (equivalences named on either offer), requests of every transfer type
 * naming all or some subscriptions (and unknown ones), limits, margins and dates.
 */
class TransferPlannerProperties {
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 1);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T09:30:00Z"), ZoneOffset.UTC);
    private static final List<String> OFFERS = List.of("O:1", "O:2", "O:3", "O:4");

    record Scenario(GuardPolicy policy, PlannerSettings settings, TenantSnapshot tenant, PlanRequest request,
                    Map<String, Offer> offers) {

        TransferPlanner planner() {
            return new TransferPlanner(policy, settings);
        }

        /** The plan, or null when the dates allow none (the exception's message is checked). */
        TransferPlan plan() {
            try {
                return planner().plan(tenant, request, OfferCatalog.of(offers), CLOCK);
            } catch (PlanningException e) {
                assertThat(e.getMessage()).contains("earliest possible end of the plan");
                return null;
            }
        }

        /** The subscriptions the request means: the named ones, or every counted one. */
        Set<String> meant() {
            if (!request.subscriptionIds().isEmpty()) {
                return new TreeSet<>(request.subscriptionIds());
            }
            Set<String> out = new TreeSet<>();
            tenant.subscriptions().values().stream().filter(h -> policy.counts(h.subscription().status()))
                    .forEach(h -> out.add(h.id()));
            return out;
        }

        int limit() {
            return Math.max(tenant.countedSubscriptions(), policy.tenantMaximum() - settings.batchMargin());
        }

        int targetLimit() {
            int counted = request.targetTenantCountedSubscriptions() == null ? 0 : request.targetTenantCountedSubscriptions();
            return Math.max(counted, policy.tenantMaximum() - settings.batchMargin());
        }
    }

    @Property
    void thePeakNeverExceedsTheMaximum(@ForAll("scenarios") Scenario s) {
        TransferPlan plan = s.plan();
        Statistics.label("planned").collect(plan != null);
        if (plan == null) {
            return;
        }
        Statistics.label("batches").collect(Math.min(plan.totals().batches(), 3));
        assertThat(plan.totals().peakProjectedCount()).isLessThanOrEqualTo(s.policy().tenantMaximum());
        assertThat(plan.steps()).allSatisfy(step -> assertThat(step.projectedCount()).isLessThanOrEqualTo(s.limit()));
        assertThat(plan.steps()).allSatisfy(step -> {
            if (step.targetProjectedCount() != null) {
                assertThat(step.targetProjectedCount()).isLessThanOrEqualTo(s.targetLimit());
            }
        });
        int start = Math.max(s.tenant().countedSubscriptions(), plan.targetCountedSubscriptions() == null ? 0
                : plan.targetCountedSubscriptions());
        assertThat(plan.totals().peakProjectedCount()).isEqualTo(plan.steps().stream()
                .mapToInt(st -> Math.max(st.projectedCount(), st.targetProjectedCount() == null ? 0 : st.targetProjectedCount()))
                .reduce(start, Math::max));
    }

    /**
     * The projected count is the count: replaying the steps on the tenant's subscriptions (a copy
     * counts from its DUPLICATE or REPURCHASE, a source stops counting when cancelled, or, left to
     * expire, after the plan) gives each step's projected count. A source that is not cancelled
     * therefore counts in every step after its copy is bought.
     */
    @Property
    void everyProjectedCountIsTheReplayedCount(@ForAll("scenarios") Scenario s) {
        TransferPlan plan = s.plan();
        if (plan == null || s.request().intoAnotherTenant()) {
            return;
        }
        Map<String, PlannedSubscription> byId = new HashMap<>();
        plan.subscriptions().forEach(p -> byId.put(p.subscriptionId(), p));
        Set<String> countingSources = new HashSet<>();
        s.tenant().subscriptions().values().stream().filter(h -> s.policy().counts(h.subscription().status()))
                .forEach(h -> countingSources.add(h.id()));
        int others = s.tenant().countedSubscriptions() - countingSources.size();
        int copies = 0;
        for (PlanStep step : plan.steps()) {
            switch (step.type()) {
                case DUPLICATE -> copies += step.subscriptionIds().size();
                // the expired source stopped counting at its term end, just before its window
                case REPURCHASE -> { copies += step.subscriptionIds().size(); step.subscriptionIds().forEach(countingSources::remove); }
                case CANCEL_SOURCE -> step.subscriptionIds().forEach(countingSources::remove);
                default -> { }
            }
            assertThat(step.projectedCount()).as("%s", step).isEqualTo(others + countingSources.size() + copies);
        }
        Statistics.label("sources not cancelled").collect(plan.subscriptions().stream()
                .anyMatch(p -> p.method() == PlanMethod.DUPLICATE && p.cancelSourceOn() == null));
    }

    /** The native transfer wherever the contract allows it: new commerce, partner to partner, from a partner. */
    @Property
    void partnerTransferWheneverPossibleInTransfersOfAtMostTheMaximumFromOneSourcePartner(@ForAll("scenarios") Scenario s) {
        TransferPlan plan = s.plan();
        if (plan == null) {
            return;
        }
        for (PlannedSubscription p : plan.subscriptions()) {
            HeldSubscription h = s.tenant().subscriptions().get(p.subscriptionId());
            boolean possible = s.request().transferType() == TransferType.PARTNER_TO_PARTNER
                    && h.subscription().commerceType() == CommerceType.NEW_COMMERCE && h.channel() == Channel.CSP
                    && h.subscription().status() == SubscriptionStatus.ACTIVE;
            assertThat(p.method() == PlanMethod.PARTNER_TRANSFER).as(p.subscriptionId()).isEqualTo(possible);
        }
        for (PlanStep step : plan.steps()) {
            Set<String> partners = new HashSet<>();
            step.subscriptionIds().forEach(id -> partners.add(String.valueOf(sourceKey(s.tenant().subscriptions().get(id)))));
            if (step.type() == StepType.PARTNER_TRANSFER) {
                assertThat(step.subscriptionIds()).hasSizeLessThanOrEqualTo(s.settings().partnerTransferMaxLineItems());
                assertThat(step.actor()).isEqualTo(StepActor.TARGET_PARTNER);
                assertThat(partners).hasSize(1);
            }
            if (step.type() == StepType.CANCEL_SOURCE || step.type() == StepType.DISABLE_AUTORENEW) {
                // one source per step: its partner, or the customer for what no partner holds
                assertThat(partners).as("%s", step).hasSize(1);
                HeldSubscription first = s.tenant().subscriptions().get(step.subscriptionIds().get(0));
                assertThat(step.actor()).isEqualTo(first.channel() == Channel.CSP ? StepActor.SOURCE_PARTNER : StepActor.CUSTOMER);
                assertThat(step.sourcePartnerTenantId()).isEqualTo(first.channel() == Channel.CSP ? first.partnerTenantId() : null);
            }
            if (step.type() == StepType.DUPLICATE || step.type() == StepType.REPURCHASE) {
                assertThat(step.actor()).isEqualTo(StepActor.TARGET_PARTNER);
            }
        }
    }

    /** Never a CANCEL_SOURCE the source partner cannot carry out: a new-commerce source past its window. */
    @Property
    void noSourceIsCancelledPastItsCancellationWindow(@ForAll("scenarios") Scenario s) {
        TransferPlan plan = s.plan();
        if (plan == null) {
            return;
        }
        for (PlanStep step : plan.steps()) {
            if (step.type() == StepType.CANCEL_SOURCE) {
                for (String id : step.subscriptionIds()) {
                    Subscription sub = s.tenant().subscriptions().get(id).subscription();
                    assertThat(sub.cancellableAt(step.date().plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC),
                            s.settings().cancellationWindow())).as("%s on %s", id, step.date()).isTrue();
                }
            }
        }
        for (PlannedSubscription p : plan.subscriptions()) {
            if (p.method() == PlanMethod.DUPLICATE && p.cancelSourceOn() == null) {
                assertThat(p.commerceType()).isEqualTo("NEW_COMMERCE");
                assertThat(plan.warnings()).anySatisfy(w -> assertThat(w.code()).isEqualTo("CANCELLATION_NOT_POSSIBLE"));
            }
        }
    }

    @Property
    void oneFindingPerCode(@ForAll("scenarios") Scenario s) {
        TransferPlan plan = s.plan();
        if (plan == null) {
            return;
        }
        assertThat(plan.blockers().stream().map(PlanFinding::code)).doesNotHaveDuplicates();
        assertThat(plan.warnings().stream().map(PlanFinding::code)).doesNotHaveDuplicates();
    }

    private static Object sourceKey(HeldSubscription h) {
        return h.channel() == Channel.CSP ? "partner " + h.partnerTenantId() : "customer";
    }

    @Property
    void everySubscriptionIsPlannedExactlyOnceOrReportedAsABlocker(@ForAll("scenarios") Scenario s) {
        TransferPlan plan = s.plan();
        if (plan == null) {
            return;
        }
        List<String> planned = plan.subscriptions().stream().map(PlannedSubscription::subscriptionId).toList();
        Set<String> blocked = new HashSet<>();
        plan.blockers().forEach(f -> blocked.addAll(f.subscriptionIds()));
        Statistics.label("some blocked").collect(!blocked.isEmpty());
        assertThat(new HashSet<>(planned)).hasSize(planned.size());
        assertThat(planned).noneMatch(blocked::contains);
        Set<String> all = new TreeSet<>(planned);
        all.addAll(blocked);
        assertThat(plan.alreadyWithTarget()).noneMatch(all::contains);
        all.addAll(plan.alreadyWithTarget());
        assertThat(all).isEqualTo(s.meant());
        assertThat(plan.alreadyWithTarget()).allSatisfy(id -> {
            HeldSubscription h = s.tenant().subscriptions().get(id);
            assertThat(h.partnerTenantId()).isEqualTo(s.request().targetPartnerTenantId());
            assertThat(s.request().intoAnotherTenant()).isFalse();
        });
        assertThat(plan.totals().blocked()).isEqualTo(blocked.size());
        for (PlannedSubscription p : plan.subscriptions()) {
            Map<StepType, Long> in = new HashMap<>();
            plan.steps().stream().filter(step -> step.subscriptionIds().contains(p.subscriptionId()))
                    .forEach(step -> in.merge(step.type(), 1L, Long::sum));
            if (p.method() == PlanMethod.DUPLICATE) {
                assertThat(in).containsEntry(StepType.DUPLICATE, 1L)
                        .doesNotContainKeys(StepType.REPURCHASE, StepType.PARTNER_TRANSFER);
                if (p.cancelSourceOn() == null) {
                    // not cancellable: it expires at its term end, with autorenew off where it was on
                    assertThat(in).doesNotContainKey(StepType.CANCEL_SOURCE);
                    assertThat(in.containsKey(StepType.DISABLE_AUTORENEW)).isEqualTo(p.disableAutorenewOn() != null);
                } else {
                    assertThat(in).containsEntry(StepType.CANCEL_SOURCE, 1L).doesNotContainKey(StepType.DISABLE_AUTORENEW);
                }
                assertThat(p.paidDaysLost() == null).isEqualTo(p.termEndDate() == null);
            } else if (p.method() == PlanMethod.PARTNER_TRANSFER) {
                assertThat(in).containsOnlyKeys(StepType.PARTNER_TRANSFER).containsEntry(StepType.PARTNER_TRANSFER, 1L);
                assertThat(p.paidDaysLost()).isZero();
            } else {
                assertThat(in).containsEntry(StepType.REPURCHASE, 1L)
                        .doesNotContainKeys(StepType.DUPLICATE, StepType.CANCEL_SOURCE);
                assertThat(p.paidDaysLost()).isZero();
            }
        }
        assertThat(plan.totals().byMethod().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(planned.size());
    }

    @Property
    void stepsAreDatedInOrderWithinTheStartAndTheDeadline(@ForAll("scenarios") Scenario s) {
        TransferPlan plan = s.plan();
        if (plan == null) {
            return;
        }
        List<PlanStep> steps = plan.steps();
        for (int i = 1; i < steps.size(); i++) {
            assertThat(steps.get(i).date()).isAfterOrEqualTo(steps.get(i - 1).date());
        }
        for (PlanStep step : steps) {
            assertThat(step.date()).isAfterOrEqualTo(plan.startDate());
            if (step.type() != StepType.REPURCHASE) {
                assertThat(step.date()).isBeforeOrEqualTo(plan.deadline());
            }
        }
        // each batch is cancelled (all its cancellable sources) before the next one is duplicated
        int inFlight = 0;
        for (PlanStep step : steps) {
            if (step.type() == StepType.DUPLICATE) {
                assertThat(step.batch()).isEqualTo(inFlight + 1);
                inFlight = step.batch();
            } else if (step.type() == StepType.CANCEL_SOURCE) {
                assertThat(step.batch()).isEqualTo(inFlight);
            }
        }
    }

    @Property
    void theSameInputGivesTheSamePlan(@ForAll("scenarios") Scenario s) {
        TransferPlan one = s.plan();
        Scenario copy = new Scenario(s.policy(), s.settings(), new TenantSnapshot(s.tenant().customerTenantId(),
                s.tenant().countedSubscriptions(), s.tenant().countryCode(), new HashMap<>(s.tenant().subscriptions())),
                s.request(), new HashMap<>(s.offers()));
        assertThat(copy.plan()).isEqualTo(one);
    }

    /** The evaluator, asked about each step as the partner will carry it out, blocks none of them. */
    @Property
    void everyStepPassesTheEvaluator(@ForAll("scenarios") Scenario s) {
        TransferPlan plan = s.plan();
        // into another tenant the copies count there, which the evaluator does not see
        if (plan == null || s.request().intoAnotherTenant()) {
            return;
        }
        Map<String, PlannedSubscription> byId = new HashMap<>();
        plan.subscriptions().forEach(p -> byId.put(p.subscriptionId(), p));
        TransferEvaluator evaluator = new TransferEvaluator(s.policy());
        int before = s.tenant().countedSubscriptions();
        for (PlanStep step : plan.steps()) {
            TransferMethod method = step.type() == StepType.DUPLICATE ? TransferMethod.DUPLICATE
                    : step.type() == StepType.REPURCHASE ? TransferMethod.EXPIRE_AND_REPURCHASE : null;
            if (method != null) {
                // by the repurchase the source's autorenew is off: the plan's DISABLE_AUTORENEW step did that
                Map<String, HeldSubscription> subs = new HashMap<>(s.tenant().subscriptions());
                step.subscriptionIds().forEach(id -> subs.put(id, autorenewOff(subs.get(id))));
                TenantSnapshot at = new TenantSnapshot(s.tenant().customerTenantId(), before, s.tenant().countryCode(), subs);
                List<LineItem> items = step.subscriptionIds().stream()
                        .map(id -> new LineItem(id, byId.get(id).targetOfferId(), null)).toList();
                TransferRequest request = new TransferRequest("t", step.date().atStartOfDay().toInstant(ZoneOffset.UTC),
                        s.tenant().customerTenantId(), TransferStatus.REQUESTED, s.request().transferType(), method, null,
                        s.request().targetPartnerTenantId(), s.request().targetPartnerCountryCode(),
                        s.request().requestedBy(), false, items);
                Evaluation e = evaluator.evaluate(at, request, OfferCatalog.of(s.offers()), CLOCK.instant());
                assertThat(e.decision()).as("%s %s", step, e.findings().stream().map(Finding::code).toList())
                        .isNotEqualTo(Decision.BLOCKED);
            }
            before = step.projectedCount();
        }
    }

    private static HeldSubscription autorenewOff(HeldSubscription h) {
        Subscription s = h.subscription();
        return new HeldSubscription(h.lastEventId(), h.occurredAt(), h.channel(), h.partnerTenantId(),
                new Subscription(s.id(), s.offerId(), s.offerName(), s.quantity(), s.status(), false,
                        s.effectiveStartDate(), s.commitmentEndDate(), s.commitmentEndDateTime(), s.termDuration(),
                        s.billingCycle(), s.isTrial(), s.commerceType(), s.refundableUntil()));
    }

    // ---- generators ---------------------------------------------------------------------------

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<List<HeldSubscription>> subs = subscription().list().ofMaxSize(300)
                .map(TransferPlannerProperties::numbered);
        Arbitrary<Map<String, Offer>> offers = offer().list().ofSize(OFFERS.size()).map(list -> {
            Map<String, Offer> out = new LinkedHashMap<>();
            for (int i = 0; i < OFFERS.size(); i++) {
                Offer o = list.get(i);
                out.put(OFFERS.get(i), new Offer(OFFERS.get(i), "Offer", o.status(), o.equivalentOfferIds()));
            }
            return out;
        });
        return Combinators.combine(subs, offers, Arbitraries.integers().between(10, 300),
                Arbitraries.integers().between(0, 5), Arbitraries.integers().between(1, 3),
                Arbitraries.integers().between(0, 300), Arbitraries.integers().between(0, 30),
                Arbitraries.integers().between(0, 600)).flatAs((list, catalog, max, margin, gap, others, start, length) ->
                requests(list).map(ids -> {
                    Map<String, HeldSubscription> byId = new LinkedHashMap<>();
                    list.forEach(h -> byId.put(h.id(), h));
                    GuardPolicy base = GuardPolicy.defaults();
                    int counted = (int) list.stream().filter(h -> base.counts(h.subscription().status())).count();
                    int maximum = Math.max(max, counted + 1);
                    // half the tenants anywhere below the maximum, half within 20 of it (small batches)
                    int extra = others < 150 ? others % (maximum - counted + 1)
                            : Math.max(0, maximum - counted - others % 20);
                    TenantSnapshot tenant = new TenantSnapshot("t-1", counted + extra, "DE", byId);
                    LocalDate from = TODAY.plusDays(start);
                    Integer targetCounted = ids.type == TransferType.TENANT_TO_TENANT && others % 3 > 0
                            ? others % maximum : null;
                    PlanRequest request = new PlanRequest("t-1", "p-2", ids.country, new RequestedBy("u", ids.role),
                            ids.type, ids.ids, from, from.plusDays(length), targetCounted);
                    return new Scenario(base.withLimits(maximum, Math.min(150, maximum)),
                            new PlannerSettings(1095, Math.min(margin, maximum - 1), gap, 1 + others % 25,
                                    java.time.Duration.ofDays(7)), tenant, request, catalog);
                }));
    }

    record Asked(List<String> ids, String role, String country, TransferType type) { }

    private Arbitrary<Asked> requests(List<HeldSubscription> subs) {
        Arbitrary<List<String>> ids = subs.isEmpty() ? Arbitraries.just(List.<String>of())
                : Arbitraries.oneOf(Arbitraries.just(List.<String>of()),
                Arbitraries.of(subs.stream().map(HeldSubscription::id).toList()).list().ofMinSize(1).ofMaxSize(60),
                Arbitraries.of(subs.stream().map(HeldSubscription::id).toList()).list().ofMinSize(1).ofMaxSize(5)
                        .map(l -> { List<String> out = new ArrayList<>(l); out.add("ghost"); return out; }));
        Arbitrary<String> role = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(18, Arbitraries.of("SALES_AGENT", "account_admin")),
                net.jqwik.api.Tuple.of(1, Arbitraries.just("HELPDESK_AGENT")));
        Arbitrary<String> country = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(18, Arbitraries.just("DE")), net.jqwik.api.Tuple.of(1, Arbitraries.just("FR")));
        Arbitrary<TransferType> type = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.just(TransferType.PARTNER_TO_PARTNER)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(TransferType.CHANNEL_TO_CSP, TransferType.TENANT_TO_TENANT)));
        return Combinators.combine(ids, role, country, type).as(Asked::new);
    }

    private static List<HeldSubscription> numbered(List<HeldSubscription> subs) {
        List<HeldSubscription> out = new ArrayList<>();
        for (int i = 0; i < subs.size(); i++) {
            HeldSubscription h = subs.get(i);
            Subscription s = h.subscription();
            out.add(new HeldSubscription(h.lastEventId(), h.occurredAt(), h.channel(), h.partnerTenantId(),
                    new Subscription(String.format("s-%03d", i), s.offerId(), s.offerName(), s.quantity(), s.status(),
                            s.autoRenewEnabled(), s.effectiveStartDate(), s.commitmentEndDate(),
                            s.commitmentEndDateTime(), s.termDuration(), s.billingCycle(), s.isTrial(),
                            s.commerceType(), s.refundableUntil())));
        }
        return out;
    }

    private Arbitrary<HeldSubscription> subscription() {
        Arbitrary<SubscriptionStatus> status = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(20, Arbitraries.just(SubscriptionStatus.ACTIVE)),
                net.jqwik.api.Tuple.of(2, Arbitraries.of(SubscriptionStatus.SUSPENDED, SubscriptionStatus.PENDING)),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(SubscriptionStatus.EXPIRED)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(SubscriptionStatus.DISABLED, SubscriptionStatus.DELETED)));
        Arbitrary<LocalDate> end = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(19, Arbitraries.integers().between(-60, 700).map(TODAY::plusDays)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(null)));
        Arbitrary<Integer> quantity = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(19, Arbitraries.integers().between(1, 50).map(i -> (Integer) i)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(null)));
        // the term started up to a year ago: some new-commerce windows are still open on the deadline
        Arbitrary<Instant> termStart = Arbitraries.integers().between(-365, 40)
                .map(d -> TODAY.plusDays(d).atStartOfDay().toInstant(ZoneOffset.UTC));
        Arbitrary<String> partner = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, Arbitraries.just("p-1")),
                net.jqwik.api.Tuple.of(2, Arbitraries.just("p-3")), net.jqwik.api.Tuple.of(1, Arbitraries.just("p-2")),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(null)));
        Arbitrary<HeldSubscription> partial = Combinators.combine(Arbitraries.of(OFFERS), quantity, status,
                Arbitraries.of(true, false), end, Arbitraries.of(Channel.CSP, Channel.DIRECT),
                Arbitraries.of(CommerceType.values()), termStart).as((offer, q, st, renew, e, channel, commerce, begun) ->
                new HeldSubscription("evt", Instant.parse("2026-11-01T00:00:00Z"), channel, null,
                        new Subscription("?", offer, "Offer", q, st, renew && st != SubscriptionStatus.EXPIRED,
                                begun, e, null, "P1Y", "monthly", false, commerce, null)));
        return Combinators.combine(partial, partner).as((h, p) -> new HeldSubscription(h.lastEventId(), h.occurredAt(),
                h.channel(), h.channel() == Channel.CSP ? p : null, h.subscription()));
    }

    private Arbitrary<Offer> offer() {
        return Combinators.combine(
                Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(5, Arbitraries.just(Offer.OfferStatus.AVAILABLE)),
                        net.jqwik.api.Tuple.of(2, Arbitraries.just(Offer.OfferStatus.DISCONTINUED))),
                Arbitraries.of(OFFERS).list().ofMaxSize(2)).as((st, eq) -> new Offer("?", "Offer", st, eq));
        // (an equivalence may be named on either offer: O:2 naming O:1 makes O:2 a successor of O:1)
    }
}
