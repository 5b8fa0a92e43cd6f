package com.cspguard.domain.planning;

import com.cspguard.domain.AlertCode;
import com.cspguard.domain.Channel;
import com.cspguard.domain.CommerceType;
import com.cspguard.domain.Evaluation;
import com.cspguard.domain.Finding;
import com.cspguard.domain.GuardPolicy;
import com.cspguard.domain.HeldSubscription;
import com.cspguard.domain.Offer;
import com.cspguard.domain.OfferCatalog;
import com.cspguard.domain.Severity;
import com.cspguard.domain.Subscription;
import com.cspguard.domain.SubscriptionStatus;
import com.cspguard.domain.TenantSnapshot;
import com.cspguard.domain.TransferEvaluator;
import com.cspguard.domain.TransferRequest;
import com.cspguard.domain.TransferRequest.LineItem;
import com.cspguard.domain.TransferRequest.TransferMethod;
import com.cspguard.domain.TransferRequest.TransferStatus;
import com.cspguard.domain.TransferRequest.TransferType;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Plans the move of a whole customer (docs/planner.md): which subscriptions go by Partner Center's
 * native transfer, which expire and are repurchased, which are duplicated in which batch, on which
 * dates and by whom, so that the tenant never exceeds its maximum and as little paid term as possible
 * is thrown away. A pure function of its arguments: the same state and request give the same plan.
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

        List<String> requested = subscriptionsToMove(tenant, request);
        List<String> withTarget = requested.stream()
                .filter(id -> alreadyWithTarget(tenant.subscriptions().get(id), request)).toList();
        List<String> ids = requested.stream().filter(id -> !withTarget.contains(id)).toList();

        PlanFindings blockers = new PlanFindings();
        PlanFindings warnings = new PlanFindings();
        Evaluation evaluation = evaluator.evaluate(tenant, probe(tenant, request, ids, catalog, start), catalog,
                start.atStartOfDay().toInstant(ZoneOffset.UTC));
        for (Finding f : evaluation.findings()) {
            if (f.code() == AlertCode.AUTORENEW_ENABLED || f.code() == AlertCode.TENANT_LIMIT_EXCEEDED) {
                continue;
            }
            if (f.severity() != Severity.BLOCKING) {
                warnings.add(PlanFinding.of(f));
            } else {
                // a request-level finding (role, region) blocks every subscription of the plan
                blockers.add(f.subscriptionIds().isEmpty() ? PlanFinding.of(f, ids) : PlanFinding.of(f));
            }
        }
        Set<String> blocked = blockers.subscriptionIds();

        int counted = tenant.countedSubscriptions();
        Integer targetCounted = request.intoAnotherTenant()
                ? Objects.requireNonNullElse(request.targetTenantCountedSubscriptions(), 0) : null;
        int landing = targetCounted == null ? counted : targetCounted;
        int room = Math.max(0, policy.tenantMaximum() - settings.batchMargin() - landing);
        Choices choices = choose(tenant, request, ids, blocked, catalog, start, deadline, room, landing, blockers);

        // Copies that must be cancelled to free their room are batched within the capacity the rest
        // leaves; those that stay (another tenant, or a source that cannot be cancelled) took their room
        // for good above.
        int capacity = room - choices.addedForGood;
        List<Candidate> freeing = choices.duplicated.stream().filter(c -> !c.forGood).toList();
        List<Candidate> staying = choices.duplicated.stream().filter(c -> c.forGood).toList();
        if (!freeing.isEmpty() && capacity <= 0) {
            List<String> dup = freeing.stream().map(Candidate::id).sorted().toList();
            blockers.add(PlanTexts.noRoomToDuplicate(dup, counted, choices.addedForGood, policy, settings));
            freeing = List.of();
        }
        List<Batch> batches = batches(freeing, staying, capacity, start, deadline);
        List<Transfer> transfers = transfers(choices.transferred, start);

        List<PlannedSubscription> planned = new ArrayList<>();
        choices.expiring.forEach(c -> planned.add(expiry(c, start)));
        batches.forEach(b -> b.members.forEach(c -> planned.add(duplication(c, b, start))));
        transfers.forEach(t -> t.members.forEach(c -> planned.add(transfer(c, t))));
        planned.sort(Comparator.comparing(PlannedSubscription::subscriptionId));

        warn(planned, choices, deadline, warnings);
        List<PlanStep> steps = steps(choices, batches, transfers, start, counted, targetCounted);
        return new TransferPlan(request.customerTenantId(), request.targetPartnerTenantId(), start, deadline,
                counted, targetCounted, policy.tenantMaximum(), settings.batchMargin(),
                batches.isEmpty() ? 0 : batchCapacity(batches, capacity), steps, planned, withTarget,
                totals(counted, targetCounted, steps, planned, blockers, batches.size(), transfers.size()),
                blockers.list(), warnings.list());
    }

    private static int batchCapacity(List<Batch> batches, int capacity) {
        boolean freeing = batches.stream().anyMatch(b -> b.members.stream().anyMatch(c -> !c.forGood));
        return freeing ? capacity : batches.stream().mapToInt(b -> b.members.size()).max().orElse(0);
    }

    /**
     * A subscription the target partner already holds has nothing to move (partner to partner, or
     * from a channel). Between tenants the same partner may well move its own subscriptions.
     */
    private static boolean alreadyWithTarget(HeldSubscription held, PlanRequest request) {
        return held != null && !request.intoAnotherTenant() && held.channel() == Channel.CSP
                && request.targetPartnerTenantId() != null
                && request.targetPartnerTenantId().equalsIgnoreCase(held.partnerTenantId());
    }

    private static TransferPlan.Totals totals(int counted, Integer targetCounted, List<PlanStep> steps,
                                              List<PlannedSubscription> planned, PlanFindings blockers,
                                              int batches, int transfers) {
        int peak = Math.max(counted, targetCounted == null ? 0 : targetCounted);
        for (PlanStep s : steps) {
            peak = Math.max(peak, s.projectedCount());
            if (s.targetProjectedCount() != null) {
                peak = Math.max(peak, s.targetProjectedCount());
            }
        }
        Map<PlanMethod, Integer> byMethod = new EnumMap<>(PlanMethod.class);
        for (PlanMethod m : PlanMethod.values()) {
            byMethod.put(m, (int) planned.stream().filter(p -> p.method() == m).count());
        }
        long licenceDays = planned.stream().map(PlannedSubscription::licenceDaysLost).filter(Objects::nonNull)
                .mapToLong(Long::longValue).sum();
        int unknown = (int) planned.stream().filter(p -> p.licenceDaysLost() == null).count();
        LocalDate earliestLoss = planned.stream().map(PlannedSubscription::repurchaseTo).filter(Objects::nonNull)
                .min(Comparator.naturalOrder()).orElse(null);
        return new TransferPlan.Totals(peak, byMethod, blockers.subscriptionIds().size(), batches, transfers,
                licenceDays, unknown, earliestLoss);
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
     * equivalent (by id), whichever offer names the equivalence (the catalog may list it on either
     * one, as the evaluator accepts), otherwise null (the evaluator then blocks it).
     */
    static String targetOffer(Subscription sub, OfferCatalog catalog) {
        if (catalog.isAvailable(sub.offerId())) {
            return sub.offerId();
        }
        return Stream.concat(catalog.find(sub.offerId()).map(Offer::equivalentOfferIds).orElse(List.of()).stream(),
                        catalog.offersNaming(sub.offerId()).stream())
                .filter(catalog::isAvailable).filter(o -> catalog.isSameOrEquivalent(sub.offerId(), o))
                .sorted().findFirst().orElse(null);
    }

    /** The last day of the current term (end dates are inclusive), null when unknown. */
    static LocalDate lastDay(Subscription sub) {
        if (sub.commitmentEndDate() != null) {
            return sub.commitmentEndDate();
        }
        Instant end = sub.termEnd();
        return end == null ? null : LocalDate.ofInstant(end.minusNanos(1), ZoneOffset.UTC);
    }

    /** Who acts on the source: the partner that holds it (CSP), else the customer (DIRECT, EA, other). */
    private static StepActor sourceActor(HeldSubscription held) {
        return fromPartner(held) ? StepActor.SOURCE_PARTNER : StepActor.CUSTOMER;
    }

    private static boolean fromPartner(HeldSubscription held) {
        return held.channel() == Channel.CSP;
    }

    /** The source partner's id; null when no partner holds it, or the events did not say which. */
    private static String sourcePartner(HeldSubscription held) {
        return fromPartner(held) ? held.partnerTenantId() : null;
    }

    /** Sources are grouped by who acts on them: one partner (known or not), or the customer. */
    private static String sourceKey(HeldSubscription held) {
        return fromPartner(held) ? "partner " + held.partnerTenantId() : "~customer";
    }

    /**
     * Partner Center's native transfer moves a new-commerce subscription from one partner to another
     * (domain.md "New commerce"): partner to partner only, from a partner, while it is active.
     */
    private static boolean partnerTransferPossible(HeldSubscription held, PlanRequest request) {
        Subscription sub = held.subscription();
        return request.transferType() == TransferType.PARTNER_TO_PARTNER
                && sub.commerceType() == CommerceType.NEW_COMMERCE
                && fromPartner(held)
                && sub.status() == SubscriptionStatus.ACTIVE;
    }

    /**
     * True when the source can still be cancelled on every day the plan may cancel it (up to and
     * including the deadline): always for legacy, for new commerce only while its window lasts.
     */
    private boolean cancellableThrough(Subscription sub, LocalDate deadline) {
        Instant until = sub.cancellationDeadline(settings.cancellationWindow());
        return until == null || !until.isBefore(deadline.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
    }

    /**
     * @param counted  the source counts toward the customer tenant's limit now
     * @param forGood  the move adds one to the limited tenant for the rest of the plan: an expired source
     *                 bought again, a source that cannot be cancelled, or any copy bought in another tenant
     * @param cancel   duplication: the source is cancelled (false: it expires at its term end)
     */
    private record Candidate(HeldSubscription held, String targetOffer, LocalDate lastDay, boolean counted,
                             boolean forGood, boolean cancel, String why) {
        String id() {
            return held.id();
        }

        int quantity() {
            Integer q = held.subscription().quantity();
            return q == null ? 1 : q;
        }
    }

    private static final class Choices {
        final List<Candidate> transferred = new ArrayList<>();
        final List<Candidate> expiring = new ArrayList<>();
        final List<Candidate> duplicated = new ArrayList<>();
        int addedForGood;
    }

    /**
     * The partner transfer wherever it is possible; otherwise expiry for every term that ends on or
     * before the deadline, duplication for the rest.
     */
    private Choices choose(TenantSnapshot tenant, PlanRequest request, List<String> ids, Set<String> blocked,
                           OfferCatalog catalog, LocalDate start, LocalDate deadline, int room, int landing,
                           PlanFindings blockers) {
        Choices out = new Choices();
        List<String> graceOver = new ArrayList<>();
        List<String> noRoom = new ArrayList<>();
        boolean otherTenant = request.intoAnotherTenant();
        for (String id : ids) {
            if (blocked.contains(id)) {
                continue;
            }
            HeldSubscription held = tenant.subscriptions().get(id);
            Subscription sub = held.subscription();
            LocalDate last = lastDay(sub);
            boolean counted = policy.counts(sub.status());
            String target = targetOffer(sub, catalog);
            if (partnerTransferPossible(held, request)) {
                out.transferred.add(new Candidate(held, target, last, counted, false, false,
                        "a new-commerce subscription moving partner to partner: Partner Center's transfer moves it "
                                + "with its term, nothing is bought again or counted twice"));
                continue;
            }
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
            boolean cancel = !expire && cancellableThrough(sub, deadline);
            boolean forGood = otherTenant || !counted || (!expire && !cancel);
            if (forGood) {
                if (out.addedForGood >= room) {
                    noRoom.add(id);
                    continue;
                }
                out.addedForGood++;
            }
            (expire ? out.expiring : out.duplicated).add(new Candidate(held, target, last, counted, forGood, cancel, why));
        }
        if (!graceOver.isEmpty()) {
            blockers.add(PlanTexts.gracePeriodOver(graceOver, graceDays()));
        }
        if (!noRoom.isEmpty()) {
            blockers.add(PlanTexts.noRoomToAddForGood(noRoom, landing + out.addedForGood, otherTenant, policy, settings));
        }
        return out;
    }

    private int graceDays() {
        return (int) policy.repurchaseDeadline().toDays();
    }

    private record Batch(int number, LocalDate duplicateOn, LocalDate cancelOn, List<Candidate> members) { }

    /**
     * Batches of the duplicates that free their room when cancelled, as large as the capacity allows,
     * the last one cancelled on the deadline and each earlier one a cancel interval before; the
     * smaller remainder goes first. The largest quantities go in the latest batches: the batch sizes
     * and dates are fixed, so this is what minimises licence-days lost. The duplicates that stay for
     * good already hold their room and go with the last batch (alone in one batch when there is no other).
     */
    private List<Batch> batches(List<Candidate> freeing, List<Candidate> staying, int capacity, LocalDate start,
                                LocalDate deadline) {
        if (freeing.isEmpty() && staying.isEmpty()) {
            return List.of();
        }
        int n = freeing.isEmpty() ? 1 : (freeing.size() + capacity - 1) / capacity;
        int gap = settings.cancelAfterDays();
        LocalDate firstDuplicate = deadline.minusDays((long) n * gap);
        if (firstDuplicate.isBefore(start)) {
            int size = freeing.size() + staying.size();
            throw new PlanningException(List.of("deadline " + deadline + " is before the earliest possible end of the plan "
                    + start.plusDays((long) n * gap) + ": " + size + " subscriptions end after it and must be "
                    + "duplicated in " + n + " batches" + (freeing.isEmpty() ? "" : " of at most " + capacity)
                    + ", each cancelled " + gap + " day(s) after its duplication, starting " + start));
        }
        List<Candidate> order = new ArrayList<>(freeing);
        order.sort(Comparator.comparingInt(Candidate::quantity).reversed()
                .thenComparing(Candidate::lastDay, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(Candidate::id));
        List<Batch> out = new ArrayList<>();
        int taken = 0;
        for (int k = n - 1; k >= 0; k--) {
            int size = k == 0 ? order.size() - (n - 1) * capacity : capacity;
            List<Candidate> members = new ArrayList<>(order.subList(taken, taken + size));
            if (k == n - 1) {
                members.addAll(staying);
            }
            members.sort(Comparator.comparing(Candidate::id));
            LocalDate cancel = deadline.minusDays((long) (n - 1 - k) * gap);
            out.add(0, new Batch(k + 1, cancel.minusDays(gap), cancel, members));
            taken += size;
        }
        return out;
    }

    private record Transfer(int number, LocalDate on, String sourcePartner, List<Candidate> members) { }

    /**
     * One Partner Center transfer per source partner and at most {@code partnerTransferMaxLineItems}
     * subscriptions, all on the start date: a transfer moves the subscriptions with their terms and
     * changes no count, so nothing is gained by waiting.
     */
    private List<Transfer> transfers(List<Candidate> transferred, LocalDate start) {
        List<Transfer> out = new ArrayList<>();
        int max = settings.partnerTransferMaxLineItems();
        bySource(transferred).forEach((key, cs) -> {
            for (int i = 0; i < cs.size(); i += max) {
                out.add(new Transfer(out.size() + 1, start, sourcePartner(cs.get(0).held),
                        List.copyOf(cs.subList(i, Math.min(cs.size(), i + max)))));
            }
        });
        return out;
    }

    /** The first day to repurchase: the day after the term end, or the start when that is later. */
    private static LocalDate windowFrom(Candidate c, LocalDate start) {
        LocalDate after = c.lastDay.plusDays(1);
        return after.isBefore(start) ? start : after;
    }

    private static String commerce(Subscription sub) {
        return sub.commerceType() == null ? null : sub.commerceType().name();
    }

    private PlannedSubscription expiry(Candidate c, LocalDate start) {
        Subscription sub = c.held.subscription();
        LocalDate from = windowFrom(c, start);
        LocalDate to = c.lastDay.plusDays(graceDays());
        return new PlannedSubscription(sub.id(), sub.offerId(), c.targetOffer, commerce(sub), c.quantity(), c.lastDay,
                PlanMethod.EXPIRE_AND_REPURCHASE, sub.autoRenewEnabled() ? start : null, from, to, null, null, null, null,
                0L, 0L, c.why + "; repurchase from " + from + " to " + to + offerNote(c));
    }

    private PlannedSubscription duplication(Candidate c, Batch b, LocalDate start) {
        Subscription sub = c.held.subscription();
        Long days = c.lastDay == null ? null : Math.max(0, ChronoUnit.DAYS.between(b.cancelOn, c.lastDay));
        String loss = days == null
                ? "paid days lost unknown (up to one term" + (sub.termDuration() == null ? "" : ", " + sub.termDuration())
                        + ")"
                : days + " paid days lost";
        String source = c.cancel
                ? "source cancelled on " + b.cancelOn
                : "source not cancelled: a new-commerce subscription past its cancellation window, it expires at its "
                        + "term end" + (sub.autoRenewEnabled() ? " (autorenew off on " + start + ")" : "")
                        + " and counts until then";
        return new PlannedSubscription(sub.id(), sub.offerId(), c.targetOffer, commerce(sub), c.quantity(), c.lastDay,
                PlanMethod.DUPLICATE, !c.cancel && sub.autoRenewEnabled() ? start : null, null, null, b.number, null,
                b.duplicateOn, c.cancel ? b.cancelOn : null, days, days == null ? null : days * c.quantity(),
                c.why + "; duplicated in batch " + b.number + " on " + b.duplicateOn + ", " + source + ", " + loss
                        + offerNote(c));
    }

    private PlannedSubscription transfer(Candidate c, Transfer t) {
        Subscription sub = c.held.subscription();
        return new PlannedSubscription(sub.id(), sub.offerId(), c.targetOffer, commerce(sub), c.quantity(), c.lastDay,
                PlanMethod.PARTNER_TRANSFER, null, null, null, t.number, t.on, null, null, 0L, 0L,
                c.why + "; transfer " + t.number + " on " + t.on + " (created by the target partner's admin agent, "
                        + "approved by the source partner" + (t.sourcePartner == null ? "" : " " + t.sourcePartner) + ", after the customer accepts the "
                        + "target's reseller relationship)" + offerNote(c));
    }

    private static String offerNote(Candidate c) {
        return c.targetOffer.equals(c.held.subscription().offerId()) ? ""
                : "; offer " + c.held.subscription().offerId() + " is no longer sold, the target buys its equivalent "
                        + c.targetOffer;
    }

    /** The warnings about the plan's own dates and the sources it cannot cancel. */
    private void warn(List<PlannedSubscription> planned, Choices choices, LocalDate deadline, PlanFindings warnings) {
        List<PlannedSubscription> late = planned.stream()
                .filter(p -> p.repurchaseTo() != null && p.repurchaseTo().isAfter(deadline)).toList();
        if (!late.isEmpty()) {
            warnings.add(PlanTexts.repurchaseAfterDeadline(late.stream().map(PlannedSubscription::subscriptionId).toList(),
                    deadline, late.stream().map(PlannedSubscription::repurchaseTo).max(Comparator.naturalOrder()).get()));
        }
        Map<LocalDate, List<String>> lastDayOff = new TreeMap<>();
        planned.stream().filter(p -> p.disableAutorenewOn() != null && p.disableAutorenewOn().equals(p.termEndDate()))
                .forEach(p -> lastDayOff.computeIfAbsent(p.termEndDate(), d -> new ArrayList<>()).add(p.subscriptionId()));
        lastDayOff.forEach((day, ids) -> warnings.add(PlanTexts.autorenewOffOnLastDay(ids, day)));
        List<String> kept = choices.duplicated.stream().filter(c -> !c.cancel).map(Candidate::id).sorted().toList();
        if (!kept.isEmpty()) {
            warnings.add(PlanTexts.cancellationNotPossible(kept, settings.cancellationWindow(), deadline));
        }
    }

    /** Every step, dated and ordered, with the counts projected after it. */
    private List<PlanStep> steps(Choices choices, List<Batch> batches, List<Transfer> transfers, LocalDate start,
                                 int counted, Integer targetCounted) {
        record Draft(StepType type, StepActor actor, String source, LocalDate date, LocalDate windowTo, Integer batch,
                     List<String> ids, int delta, int targetDelta) { }
        boolean otherTenant = targetCounted != null;
        List<Draft> drafts = new ArrayList<>();
        // autorenew off where the source must expire: expiry, and duplicated sources that cannot be cancelled
        List<Candidate> disable = new ArrayList<>();
        choices.expiring.stream().filter(c -> c.held.subscription().autoRenewEnabled()).forEach(disable::add);
        batches.forEach(b -> b.members.stream().filter(c -> !c.cancel && c.held.subscription().autoRenewEnabled())
                .forEach(disable::add));
        bySource(disable).forEach((key, cs) -> drafts.add(new Draft(StepType.DISABLE_AUTORENEW, sourceActor(cs.get(0).held),
                sourcePartner(cs.get(0).held), start, null, null, ids(cs), 0, 0)));
        for (Transfer t : transfers) {
            drafts.add(new Draft(StepType.PARTNER_TRANSFER, StepActor.TARGET_PARTNER, t.sourcePartner, t.on, null,
                    t.number, ids(t.members), 0, 0));
        }
        // one REPURCHASE step per window. In the same tenant an expired source no longer counts, so only
        // its repurchase adds one; into another tenant the source stops counting here and the copy counts there.
        Map<LocalDate, List<Candidate>> byEnd = new TreeMap<>();
        choices.expiring.forEach(c -> byEnd.computeIfAbsent(c.lastDay, d -> new ArrayList<>()).add(c));
        byEnd.forEach((last, cs) -> {
            int stillCounted = (int) cs.stream().filter(c -> c.counted).count();
            drafts.add(new Draft(StepType.REPURCHASE, StepActor.TARGET_PARTNER, null, windowFrom(cs.get(0), start),
                    last.plusDays(graceDays()), null, ids(cs),
                    otherTenant ? -stillCounted : cs.size() - stillCounted, otherTenant ? cs.size() : 0));
        });
        for (Batch b : batches) {
            drafts.add(new Draft(StepType.DUPLICATE, StepActor.TARGET_PARTNER, null, b.duplicateOn, null, b.number,
                    ids(b.members), otherTenant ? 0 : b.members.size(), otherTenant ? b.members.size() : 0));
            bySource(b.members.stream().filter(c -> c.cancel).toList()).forEach((key, cs) -> drafts.add(new Draft(
                    StepType.CANCEL_SOURCE, sourceActor(cs.get(0).held), sourcePartner(cs.get(0).held), b.cancelOn, null,
                    b.number, ids(cs), -(int) cs.stream().filter(c -> c.counted).count(), 0)));
        }
        drafts.sort(Comparator.comparing(Draft::date).thenComparing(Draft::type)
                .thenComparing(d -> d.ids().get(0)));
        List<PlanStep> steps = new ArrayList<>();
        int count = counted;
        int target = otherTenant ? targetCounted : 0;
        for (Draft d : drafts) {
            count += d.delta();
            target += d.targetDelta();
            steps.add(new PlanStep(d.type(), d.actor(), d.source(), d.date(), d.windowTo(), d.batch(), d.ids(), count,
                    otherTenant ? target : null));
        }
        return steps;
    }

    /** Sources grouped by who acts on them: one partner per step, the customer's own in a step of their own. */
    private static Map<String, List<Candidate>> bySource(List<Candidate> cs) {
        Map<String, List<Candidate>> out = new TreeMap<>();
        cs.forEach(c -> out.computeIfAbsent(sourceKey(c.held), k -> new ArrayList<>()).add(c));
        out.values().forEach(list -> list.sort(Comparator.comparing(Candidate::id)));
        return out;
    }

    private static List<String> ids(List<Candidate> cs) {
        return cs.stream().map(Candidate::id).sorted().toList();
    }
}
