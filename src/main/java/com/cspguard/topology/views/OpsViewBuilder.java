package com.cspguard.topology.views;

import com.cspguard.domain.Evaluation;
import com.cspguard.domain.GuardPolicy;
import com.cspguard.domain.HeldSubscription;
import com.cspguard.domain.Offer;
import com.cspguard.domain.OpenTransfer;
import com.cspguard.domain.Subscription;
import com.cspguard.domain.SubscriptionStatus;
import com.cspguard.domain.TimerRules;
import com.cspguard.domain.TimerType;
import com.cspguard.topology.facts.FactStore;
import com.cspguard.topology.facts.SubscriptionFact;
import com.cspguard.topology.indexes.GuardIndexes;
import com.cspguard.topology.indexes.TenantIndex;
import com.cspguard.topology.indexes.TransferEntry;
import com.cspguard.topology.indexes.TimerChains;
import com.cspguard.topology.indexes.TimerSchedule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds a task's {@link OpsView} from its indexes, on the stream thread. Nothing here runs per
 * event. Tenants and transfers: one pass over the tenant indexes, every time. Deadlines: one pass
 * over the timer schedule's due times and a read of the fact of every subscription with a timer due
 * within the horizon (its status, autorenew and timers are the fact's), so they are made again only
 * every {@code deadlineInterval}; in between the last ones are kept, less those that fell due.
 * <p>
 * A remake reads those facts a slice per view, at most {@value #REMAKE_VIEWS} views long (at least
 * {@value #READS_PER_VIEW} facts per view), not all at once: on a task of 100,000 subscriptions
 * thousands of timers fall due within the horizon, and reading all their facts in one punctuation
 * holds the stream thread, and every decision behind it, for as long as those reads take, every 30 s
 * (with RocksDB's cache cold after a restore, the longest; docs/benchmarks.md, latency). The first
 * remake after the task starts is sliced too: until it is done the task's views have no deadlines
 * ({@code deadlinesGeneratedAt} null, and a deadlines answer is not complete without them); a small
 * task's takes one view. A timer scheduled after a remake took its list from the schedule shows from
 * the next remake on.
 */
public final class OpsViewBuilder {
    private final GuardPolicy policy;
    private final TimerChains chains;
    private final Duration horizon;
    private final Duration deadlineInterval;
    /** A remake spans at most this many views... */
    static final int REMAKE_VIEWS = 8;
    /** ...and reads at least this many facts per view, so a small task's remake takes one. */
    public static final int READS_PER_VIEW = 1_000;

    private List<OpsView.DeadlineRow> deadlines = List.of();
    private Instant deadlinesAt;
    private Remake remake;

    public OpsViewBuilder(GuardPolicy policy, TimerChains chains, Duration horizon, Duration deadlineInterval) {
        this.policy = policy;
        this.chains = chains;
        this.horizon = horizon;
        this.deadlineInterval = deadlineInterval;
    }

    public OpsView build(String taskId, GuardIndexes indexes, FactStore facts, long nowMillis) {
        Instant now = Instant.ofEpochMilli(nowMillis);
        List<OpsView.TenantRow> tenants = new ArrayList<>();
        List<OpsView.TransferRow> transfers = new ArrayList<>();
        for (TenantIndex t : indexes.tenants()) {
            if (t.subscriptions() == 0 && t.transfers().isEmpty()) {
                continue;
            }
            tenants.add(tenantRow(t));
            for (TransferEntry e : t.transfers()) {
                transfers.add(transferRow(e, t.tenantId(), facts));
            }
        }
        tenants.sort(Comparator.comparingInt(OpsView.TenantRow::headroom).thenComparing(OpsView.TenantRow::customerTenantId));
        transfers.sort(Comparator.comparing(OpsView.TransferRow::customerTenantId).thenComparing(OpsView.TransferRow::transferId));
        // a remake under way starts again only when the clock went back behind its start
        if (remake != null ? now.isBefore(remake.startedAt) : remakeDue(now)) {
            remake = new Remake(indexes, now);
        }
        if (remake != null && remake.read(indexes, facts, remake.readsPerView)) {
            remake.rows.sort(DEADLINE_ORDER);
            deadlines = remake.rows;
            deadlinesAt = remake.startedAt;
            remake = null;
        }
        deadlines = deadlines.stream().filter(r -> !r.dueAt().isBefore(now)).toList();
        return new OpsView(taskId, now, deadlinesAt, tenants, deadlines, transfers);
    }

    /** The first view, an interval after the last remake began, or the clock went back behind it. */
    private boolean remakeDue(Instant now) {
        return deadlinesAt == null || !now.isBefore(deadlinesAt.plus(deadlineInterval)) || now.isBefore(deadlinesAt);
    }

    private OpsView.TenantRow tenantRow(TenantIndex t) {
        Set<String> partners = new TreeSet<>();
        for (String p : t.partnerIds()) {
            partners.add(p.toLowerCase(Locale.ROOT));
        }
        Set<String> targets = new TreeSet<>();
        for (TransferEntry e : t.transfers()) {
            String target = e.request().targetPartnerTenantId();
            if (target != null) {
                targets.add(target.toLowerCase(Locale.ROOT));
            }
        }
        var counts = t.counts(); // the status map as the counts output has it
        return new OpsView.TenantRow(t.tenantId(), t.customerName(), t.counted(), counts.headroom(policy),
                policy.tenantMaximum() - t.counted(), policy.duplicationThreshold(), policy.tenantMaximum(),
                counts.byStatus(), Set.copyOf(partners), Set.copyOf(targets));
    }

    private static OpsView.TransferRow transferRow(TransferEntry open, String tenantId, FactStore facts) {
        var r = open.request();
        Evaluation last = open.last();
        return new OpsView.TransferRow(r.customerTenantId(), r.transferId(), r.method() == null ? null : r.method().name(),
                sourcePartner(open, tenantId, facts), r.targetPartnerTenantId(), r.requestedAt(), open.expiresAt(), open.revision(),
                last == null ? null : last.decision().name(), last == null ? null : last.evaluatedAt(),
                last == null ? 0 : last.countedSubscriptions(), last == null ? 0 : last.projectedSubscriptions(),
                last == null ? 0 : last.tenantMaximum(), last == null ? List.of() : last.findings());
    }

    /**
     * The partner the transfer moves away from: the request's {@code sourcePartnerTenantId}, or when
     * it names none, the partner holding its first subscription the guard knows, as the transfer's
     * index holds it (kept current with every event of a named subscription); the fact is read only
     * for a line item the index does not hold. A partner sees a transfer in the list when it is its
     * source or target. Reading a fact per open transfer at every view took a tenth of the stream
     * thread in the latency run (docs/benchmarks.md).
     */
    private static String sourcePartner(TransferEntry open, String tenantId, FactStore facts) {
        String named = open.request().sourcePartnerTenantId();
        if (named != null) {
            return named;
        }
        for (var item : open.request().lineItems()) {
            HeldSubscription known = open.named().get(item.subscriptionId());
            String partner;
            if (known != null) {
                partner = known.partnerTenantId();
            } else {
                SubscriptionFact fact = facts.subscription(tenantId, item.subscriptionId());
                partner = fact == null ? null : fact.held().partnerTenantId();
            }
            if (partner != null) {
                return partner;
            }
        }
        return null;
    }

    /**
     * One remake of the deadlines: the subscriptions with a timer due within the horizon, taken from
     * the schedule when it starts, and for each, read from its fact, its current timer and the later
     * ones of its chain that fall due within the horizon too, as far as they will fire with the
     * subscription as it is then. The rows come from the fact alone, so a stale schedule entry (a
     * timer that moved) gives the same rows as the current one, and a subscription that changes
     * during the remake is read as it is when its turn comes. A timer already due (it fires at the
     * next punctuation) is no deadline ahead.
     */
    private final class Remake {
        final Instant startedAt;
        final long until;
        final List<TimerSchedule.Due> due = new ArrayList<>();
        final int readsPerView;
        final Set<String> seen = new HashSet<>();
        final List<OpsView.DeadlineRow> rows = new ArrayList<>();
        int next;

        Remake(GuardIndexes indexes, Instant now) {
            startedAt = now;
            until = now.plus(horizon).toEpochMilli();
            indexes.schedule().forEachDueBy(until, d -> {
                if (d.kind() != TimerSchedule.TRANSFER_EXPIRY) {
                    due.add(d);
                }
            });
            readsPerView = Math.max(READS_PER_VIEW, (due.size() + REMAKE_VIEWS - 1) / REMAKE_VIEWS);
        }

        /** Reads up to {@code reads} more facts; true when every subscription has been read. */
        boolean read(GuardIndexes indexes, FactStore facts, int reads) {
            for (int n = 0; n < reads && next < due.size(); next++) {
                TimerSchedule.Due d = due.get(next);
                if (!seen.add(d.tenantId() + '|' + d.ownerId())) {
                    continue; // a stale twin of an entry already read
                }
                n++;
                SubscriptionFact fact = facts.subscription(d.tenantId(), d.ownerId());
                if (fact != null && fact.timerPending()) {
                    addRows(fact, d.tenantId(), indexes);
                }
            }
            return next == due.size();
        }

        private void addRows(SubscriptionFact fact, String tenantId, GuardIndexes indexes) {
            TenantIndex tenant = indexes.tenant(tenantId);
            for (TimerType type = fact.nextTimer(); type != null; type = type.next()) {
                Instant at = chains.dueAt(type, fact.timerTermEnd());
                if (at.toEpochMilli() > until) {
                    break;
                }
                if (!at.isBefore(startedAt) && willFire(type, fact, tenant, indexes, startedAt)) {
                    Subscription s = fact.held().subscription();
                    rows.add(new OpsView.DeadlineRow(tenantId, fact.id(), s.offerId(), offerName(s, indexes), type.name(), at,
                            actBy(type, fact.timerTermEnd()), fact.timerTermEnd(), s.status().wire(), s.autoRenewEnabled(),
                            fact.held().partnerTenantId()));
                }
            }
        }
    }

    /**
     * The last instant to act on a timer of this type: the grace timers remind of the repurchase
     * deadline (after it the data is gone), the term ending of the end of term (after it the
     * subscription has expired).
     */
    private Instant actBy(TimerType type, Instant termEnd) {
        return switch (type) {
            case GRACE_PERIOD_ENDING, REPURCHASE_DEADLINE -> chains.dueAt(TimerType.REPURCHASE_DEADLINE, termEnd);
            case TERM_ENDING, TERM_ENDED -> termEnd;
        };
    }

    /** The subscription's own offer name, else the catalog's: the page shows names, not offer ids. */
    private static String offerName(Subscription s, GuardIndexes indexes) {
        if (s.offerName() != null && !s.offerName().isBlank()) {
            return s.offerName();
        }
        return indexes.catalog().find(s.offerId()).map(Offer::offerName).orElse(null);
    }

    /**
     * Whether the timer will fire if nothing changes until it is due: a term ending with autorenew
     * off (or in an open transfer, as {@link TimerRules#fires} says); grace timers of a subscription
     * that is expired, or will expire at its term end because autorenew is off, and is not repurchased.
     * The end of term itself is no deadline of the page.
     */
    private static boolean willFire(TimerType type, SubscriptionFact fact, TenantIndex tenant, GuardIndexes indexes, Instant now) {
        Subscription s = fact.held().subscription();
        if (s.status() == SubscriptionStatus.DELETED) {
            return false;
        }
        return switch (type) {
            case TERM_ENDED -> false;
            case TERM_ENDING -> TimerRules.fires(type, fact.held(), fact.timerTermEnd(),
                    tenant != null && tenant.inOpenTransfer(fact.id()), false);
            case GRACE_PERIOD_ENDING, REPURCHASE_DEADLINE -> {
                boolean expires = s.status() == SubscriptionStatus.EXPIRED
                        || (!s.autoRenewEnabled() && fact.timerTermEnd().isAfter(now));
                yield expires && (tenant == null
                        || !tenant.repurchasedAfter(s.offerId(), fact.timerTermEnd(), indexes.catalog()));
            }
        };
    }

    /** By day (UTC), repurchase deadlines first (data loss), then grace periods, then terms ending; then by time. */
    public static final Comparator<OpsView.DeadlineRow> DEADLINE_ORDER = Comparator
            .comparing((OpsView.DeadlineRow r) -> r.dueAt().atZone(ZoneOffset.UTC).toLocalDate())
            .thenComparingInt(r -> urgency(r.timerType()))
            .thenComparing(OpsView.DeadlineRow::dueAt)
            .thenComparing(OpsView.DeadlineRow::customerTenantId)
            .thenComparing(OpsView.DeadlineRow::subscriptionId);

    static int urgency(String timerType) {
        return switch (timerType) {
            case "REPURCHASE_DEADLINE" -> 0;
            case "GRACE_PERIOD_ENDING" -> 1;
            default -> 2;
        };
    }
}
