package com.cspguard.domain.planning;

import com.cspguard.domain.AlertCode;
import com.cspguard.domain.Evaluation;
import com.cspguard.domain.Finding;
import com.cspguard.domain.GuardPolicy;
import com.cspguard.domain.HeldSubscription;
import com.cspguard.domain.Offer;
import com.cspguard.domain.OfferCatalog;
import com.cspguard.domain.Severity;
import com.cspguard.domain.Subscription;
import com.cspguard.domain.TenantSnapshot;
import com.cspguard.domain.TransferEvaluator;
import com.cspguard.domain.TransferRequest;
import com.cspguard.domain.TransferRequest.LineItem;
import com.cspguard.domain.TransferRequest.TransferMethod;
import com.cspguard.domain.TransferRequest.TransferStatus;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Plans the move of a whole customer (docs/planner.md): which subscriptions expire and are
 * repurchased, which are duplicated in which batch, on which dates, so that the tenant never
 * exceeds its maximum and as little paid term as possible is thrown away. A pure function of its
 * arguments: the same state and request give the same plan.
 *
 * <p>The transfer rules stay the evaluator's: the planner asks {@link TransferEvaluator} about every
 * subscription and reports those it blocks, with its finding, instead of planning them. Only two
 * of its findings are the planner's business rather than blockers: AUTORENEW_ENABLED (the plan's
 * DISABLE_AUTORENEW step clears it) and TENANT_LIMIT_EXCEEDED (the batches keep within the limit).
 */
public final class TransferPlanner {
    private final GuardPolicy policy;
    private final PlannerSettings settings;
    private final TransferEvaluator evaluator;

    public TransferPlanner(GuardPolicy policy, PlannerSettings settings) {
        this.policy = Objects.requireNonNull(policy);
        this.settings = Objects.requireNonNull(settings);
        if (settings.batchMargin() >= policy.tenantMaximum()) {
            throw new IllegalArgumentException("guard.planner.batch-margin " + settings.batchMargin()
                    + " leaves no room below the tenant maximum " + policy.tenantMaximum());
        }
        this.evaluator = new TransferEvaluator(policy);
    }

    public PlannerSettings settings() {
        return settings;
    }

    /**
     * The plan for {@code request} on {@code tenant}, whose snapshot must hold every subscription the
     * request may name (all of the tenant's). Throws {@link PlanningException} when the dates
     * allow no plan at all.
     */
    public TransferPlan plan(TenantSnapshot tenant, PlanRequest request, OfferCatalog catalog, Clock clock) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate start = request.startDate() == null ? today : request.startDate();
        LocalDate deadline = request.deadline();
        checkDates(today, start, deadline);

        List<String> ids = subscriptionsToMove(tenant, request);
        Evaluation evaluation = evaluator.evaluate(tenant, probe(tenant, request, ids, catalog, start), catalog,
                start.atStartOfDay().toInstant(ZoneOffset.UTC));
        List<Finding> blockers = new ArrayList<>();
        List<Finding> warnings = new ArrayList<>();
        for (Finding f : evaluation.findings()) {
            if (f.code() == AlertCode.AUTORENEW_ENABLED || f.code() == AlertCode.TENANT_LIMIT_EXCEEDED) {
                continue;
            }
            if (f.severity() != Severity.BLOCKING) {
                warnings.add(f);
            } else {
                // a request-level finding (role, region) blocks every subscription of the plan
                blockers.add(f.subscriptionIds().isEmpty()
                        ? new Finding(f.code(), f.severity(), ids, f.message(), f.remediation()) : f);
            }
        }
        Set<String> blocked = blockedIds(blockers);

        int counted = tenant.countedSubscriptions();
        int room = Math.max(0, policy.tenantMaximum() - settings.batchMargin() - counted);
        Choices choices = choose(tenant, ids, blocked, catalog, start, deadline, room, blockers);
        // Moving a subscription that no longer counts (expired) adds one for good; reserve that room
        // for the whole plan, since the target may repurchase on any day of the window.
        int capacity = room - choices.addedByUncounted;
        if (!choices.duplicated.isEmpty() && capacity == 0) {
            List<String> dup = choices.duplicated.stream().map(c -> c.held.id()).sorted().toList();
            blockers.add(PlanTexts.noRoomToDuplicate(dup, counted, choices.addedByUncounted, policy, settings));
            choices.duplicated.clear();
        }
        List<Batch> batches = batches(choices.duplicated, capacity, start, deadline);

        List<PlannedSubscription> planned = new ArrayList<>(choices.expiring.stream()
                .map(e -> expiry(e, start)).toList());
        for (Batch b : batches) {
            for (Candidate c : b.members) {
                planned.add(duplication(c, b));
            }
        }
        planned.sort(Comparator.comparing(PlannedSubscription::subscriptionId));

        List<PlanStep> steps = steps(choices, batches, start, tenant);
        blockers.sort(Comparator.comparing(Finding::code));
        return new TransferPlan(request.customerTenantId(), request.targetPartnerTenantId(), start, deadline,
                counted, policy.tenantMaximum(), settings.batchMargin(), batches.isEmpty() ? 0 : capacity,
                steps, planned, totals(counted, steps, planned, blockers, batches.size()), blockers, warnings);
    }

    private static TransferPlan.Totals totals(int counted, List<PlanStep> steps, List<PlannedSubscription> planned,
                                              List<Finding> blockers, int batches) {
        int peak = counted;
        for (PlanStep s : steps) {
            peak = Math.max(peak, s.projectedCount());
        }
        Map<TransferMethod, Integer> byMethod = new EnumMap<>(TransferMethod.class);
        for (TransferMethod m : TransferMethod.values()) {
            byMethod.put(m, (int) planned.stream().filter(p -> p.method() == m).count());
        }
        long licenceDays = planned.stream().mapToLong(PlannedSubscription::licenceDaysLost).sum();
        LocalDate earliestLoss = planned.stream().map(PlannedSubscription::repurchaseTo).filter(Objects::nonNull)
                .min(Comparator.naturalOrder()).orElse(null);
        return new TransferPlan.Totals(peak, byMethod, blockedIds(blockers).size(), batches, licenceDays, earliestLoss);
    }

    private void checkDates(LocalDate today, LocalDate start, LocalDate deadline) {
        List<String> problems = new ArrayList<>();
        if (start.isBefore(today)) {
            problems.add("startDate " + start + " is in the past (today is " + today + ")");
        }
        if (deadline.isBefore(start)) {
            problems.add("deadline " + deadline + " is before the start date " + start);
        } else if (ChronoUnit.DAYS.between(start, deadline) > settings.horizonDays()) {
            problems.add("deadline " + deadline + " is more than " + settings.horizonDays()
                    + " days after the start date " + start + " (guard.planner.horizon)");
        }
        if (!problems.isEmpty()) {
            throw new PlanningException(problems);
        }
    }

    /** The named ids without repeats, or every counted subscription; sorted, so the plan is deterministic. */
    private List<String> subscriptionsToMove(TenantSnapshot tenant, PlanRequest request) {
        if (!request.subscriptionIds().isEmpty()) {
            return List.copyOf(new TreeSet<>(request.subscriptionIds()));
        }
        return tenant.subscriptions().values().stream()
                .filter(h -> policy.counts(h.subscription().status()))
                .map(HeldSubscription::id).sorted().toList();
    }

    /** One request with every subscription, by expiry, so the evaluator applies every rule but the limit. */
    private TransferRequest probe(TenantSnapshot tenant, PlanRequest request, List<String> ids, OfferCatalog catalog,
                                  LocalDate start) {
        List<LineItem> items = new ArrayList<>();
        for (String id : ids) {
            HeldSubscription held = tenant.subscriptions().get(id);
            items.add(new LineItem(id, held == null ? null : targetOffer(held.subscription(), catalog), null));
        }
        return new TransferRequest("plan", start.atStartOfDay().toInstant(ZoneOffset.UTC), request.customerTenantId(),
                TransferStatus.REQUESTED, request.transferType(), TransferMethod.EXPIRE_AND_REPURCHASE, null,
                request.targetPartnerTenantId(), request.targetPartnerCountryCode(), request.requestedBy(), false, items);
    }

    /**
     * The offer the target buys: the same one while it is sold, otherwise the first available
     * equivalent the catalog lists for it (by id), otherwise null (the evaluator then blocks it).
     */
    static String targetOffer(Subscription sub, OfferCatalog catalog) {
        if (catalog.isAvailable(sub.offerId())) {
            return sub.offerId();
        }
        return catalog.find(sub.offerId()).map(Offer::equivalentOfferIds).orElse(List.of()).stream()
                .filter(catalog::isAvailable).sorted().findFirst().orElse(null);
    }

    private static Set<String> blockedIds(List<Finding> blockers) {
        Set<String> out = new LinkedHashSet<>();
        blockers.forEach(f -> out.addAll(f.subscriptionIds()));
        return out;
    }

    /** The last day of the current term (end dates are inclusive), null when unknown. */
    static LocalDate lastDay(Subscription sub) {
        if (sub.commitmentEndDate() != null) {
            return sub.commitmentEndDate();
        }
        Instant end = sub.termEnd();
        return end == null ? null : LocalDate.ofInstant(end.minusNanos(1), ZoneOffset.UTC);
    }

    private record Candidate(HeldSubscription held, String targetOffer, LocalDate lastDay, boolean counted,
                             String why) {
        int quantity() {
            Integer q = held.subscription().quantity();
            return q == null ? 1 : q;
        }
    }

    private static final class Choices {
        final List<Candidate> expiring = new ArrayList<>();
        final List<Candidate> duplicated = new ArrayList<>();
        int addedByUncounted;
    }

    /** Expiry for every term that ends on or before the deadline, duplication for the rest. */
    private Choices choose(TenantSnapshot tenant, List<String> ids, Set<String> blocked, OfferCatalog catalog,
                           LocalDate start, LocalDate deadline, int room, List<Finding> blockers) {
        Choices out = new Choices();
        List<String> graceOver = new ArrayList<>();
        List<String> noRoom = new ArrayList<>();
        for (String id : ids) {
            if (blocked.contains(id)) {
                continue;
            }
            HeldSubscription held = tenant.subscriptions().get(id);
            Subscription sub = held.subscription();
            LocalDate last = lastDay(sub);
            boolean counted = policy.counts(sub.status());
            String target = targetOffer(sub, catalog);
            boolean expire;
            String why;
            if (last == null) {
                expire = false;
                why = "no term end date is known, so it cannot be left to expire";
            } else if (last.isAfter(deadline)) {
                expire = false;
                why = "its term ends on " + last + ", after the deadline " + deadline;
            } else if (!last.isBefore(start)) {
                expire = true;
                why = "its term ends on " + last + ", on or before the deadline " + deadline
                        + ": expiry costs no paid term and never touches the limit";
            } else if (counted && sub.autoRenewEnabled()) {
                expire = false;
                last = null;
                why = "its end date " + lastDay(sub) + " lies before the start date and it renews automatically, "
                        + "so its current term end is unknown";
            } else if (!last.plusDays(graceDays()).isBefore(start)) {
                expire = true;
                why = "its term ended on " + last + "; it can still be repurchased within the grace period";
            } else {
                graceOver.add(id);
                continue;
            }
            if (!counted) {
                // it no longer counts, so its new copy adds one for good: only while there is room
                if (out.addedByUncounted >= room) {
                    noRoom.add(id);
                    continue;
                }
                out.addedByUncounted++;
            }
            (expire ? out.expiring : out.duplicated).add(new Candidate(held, target, last, counted, why));
        }
        if (!graceOver.isEmpty()) {
            blockers.add(PlanTexts.gracePeriodOver(graceOver, graceDays()));
        }
        if (!noRoom.isEmpty()) {
            blockers.add(PlanTexts.noRoomToBuyAgain(noRoom, tenant.countedSubscriptions(), policy, settings));
        }
        return out;
    }

    private int graceDays() {
        return (int) policy.repurchaseDeadline().toDays();
    }

    private record Batch(int number, LocalDate duplicateOn, LocalDate cancelOn, List<Candidate> members) { }

    /**
     * Batches as large as the capacity allows, the last one cancelled on the deadline and each earlier
     * one a cancel interval before; the smaller remainder goes first. The largest quantities go in the
     * latest batches: the batch sizes and dates are fixed, so this is what minimises licence-days lost.
     */
    private List<Batch> batches(List<Candidate> duplicated, int capacity, LocalDate start, LocalDate deadline) {
        if (duplicated.isEmpty()) {
            return List.of();
        }
        int n = (duplicated.size() + capacity - 1) / capacity;
        int gap = settings.cancelAfterDays();
        LocalDate firstDuplicate = deadline.minusDays((long) n * gap);
        if (firstDuplicate.isBefore(start)) {
            throw new PlanningException(List.of("deadline " + deadline + " is before the earliest possible end of the plan "
                    + start.plusDays((long) n * gap) + ": " + duplicated.size() + " subscriptions end after it and must be "
                    + "duplicated in " + n + " batches of at most " + capacity + ", each cancelled " + gap
                    + " day(s) after its duplication, starting " + start));
        }
        List<Candidate> order = new ArrayList<>(duplicated);
        order.sort(Comparator.comparingInt(Candidate::quantity).reversed()
                .thenComparing(Candidate::lastDay, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(c -> c.held.id()));
        List<Batch> out = new ArrayList<>();
        int taken = 0;
        for (int k = n - 1; k >= 0; k--) {
            int size = k == 0 ? order.size() - (n - 1) * capacity : capacity;
            List<Candidate> members = new ArrayList<>(order.subList(taken, taken + size));
            members.sort(Comparator.comparing(c -> c.held.id()));
            LocalDate cancel = deadline.minusDays((long) (n - 1 - k) * gap);
            out.add(0, new Batch(k + 1, cancel.minusDays(gap), cancel, members));
            taken += size;
        }
        return out;
    }

    /** The first day to repurchase: the day after the term end, or the start when that is later. */
    private static LocalDate windowFrom(Candidate c, LocalDate start) {
        LocalDate after = c.lastDay.plusDays(1);
        return after.isBefore(start) ? start : after;
    }

    private PlannedSubscription expiry(Candidate c, LocalDate start) {
        Subscription sub = c.held.subscription();
        LocalDate from = windowFrom(c, start);
        LocalDate to = c.lastDay.plusDays(graceDays());
        return new PlannedSubscription(sub.id(), sub.offerId(), c.targetOffer, c.quantity(), c.lastDay,
                TransferMethod.EXPIRE_AND_REPURCHASE,
                sub.autoRenewEnabled() ? start : null, from, to, null, null, null, 0, 0, c.why
                        + "; repurchase from " + from + " to " + to + offerNote(c));
    }

    private PlannedSubscription duplication(Candidate c, Batch b) {
        Subscription sub = c.held.subscription();
        long days = c.lastDay == null ? 0 : Math.max(0, ChronoUnit.DAYS.between(b.cancelOn, c.lastDay));
        return new PlannedSubscription(sub.id(), sub.offerId(), c.targetOffer, c.quantity(), c.lastDay,
                TransferMethod.DUPLICATE, null, null, null, b.number, b.duplicateOn, b.cancelOn, days,
                days * c.quantity(), c.why + "; duplicated in batch " + b.number + " on " + b.duplicateOn
                        + ", source cancelled on " + b.cancelOn + ", " + days + " paid days lost" + offerNote(c));
    }

    private static String offerNote(Candidate c) {
        return c.targetOffer.equals(c.held.subscription().offerId()) ? ""
                : "; offer " + c.held.subscription().offerId() + " is no longer sold, the target buys its equivalent "
                        + c.targetOffer;
    }

    /** Every step, dated and ordered, with the count projected after it. */
    private List<PlanStep> steps(Choices choices, List<Batch> batches, LocalDate start, TenantSnapshot tenant) {
        record Draft(StepType type, LocalDate date, LocalDate windowTo, Integer batch, List<String> ids, int delta) { }
        List<Draft> drafts = new ArrayList<>();
        List<String> disable = choices.expiring.stream()
                .filter(c -> c.held.subscription().autoRenewEnabled()).map(c -> c.held.id()).sorted().toList();
        if (!disable.isEmpty()) {
            drafts.add(new Draft(StepType.DISABLE_AUTORENEW, start, null, null, disable, 0));
        }
        // one REPURCHASE step per window; an expired source no longer counts, so its repurchase adds one
        Map<LocalDate, List<Candidate>> byEnd = new TreeMap<>();
        choices.expiring.forEach(c -> byEnd.computeIfAbsent(c.lastDay, d -> new ArrayList<>()).add(c));
        byEnd.forEach((last, cs) -> {
            LocalDate from = windowFrom(cs.get(0), start);
            drafts.add(new Draft(StepType.REPURCHASE, from, last.plusDays(graceDays()), null,
                    cs.stream().map(c -> c.held.id()).sorted().toList(), (int) cs.stream().filter(c -> !c.counted).count()));
        });
        for (Batch b : batches) {
            List<String> ids = b.members.stream().map(c -> c.held.id()).toList();
            drafts.add(new Draft(StepType.DUPLICATE, b.duplicateOn, null, b.number, ids, ids.size()));
            drafts.add(new Draft(StepType.CANCEL_SOURCE, b.cancelOn, null, b.number, ids,
                    -(int) b.members.stream().filter(c -> c.counted).count()));
        }
        drafts.sort(Comparator.comparing(Draft::date).thenComparing(Draft::type)
                .thenComparing(d -> d.ids().get(0)));
        List<PlanStep> steps = new ArrayList<>();
        int count = tenant.countedSubscriptions();
        for (Draft d : drafts) {
            count += d.delta();
            steps.add(new PlanStep(d.type(), d.date(), d.windowTo(), d.batch(), d.ids(), count));
        }
        return steps;
    }
}
