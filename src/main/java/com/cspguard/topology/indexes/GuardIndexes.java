package com.cspguard.topology.indexes;

import com.cspguard.domain.GuardPolicy;
import com.cspguard.topology.facts.FactStore;
import com.cspguard.topology.indexes.TimerChains;
import com.cspguard.topology.indexes.TimerSchedule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything one task derives from its facts, in memory: a {@link TenantIndex} per tenant, the
 * offer catalog and the timer schedule. {@link #rebuild} makes them from the facts alone; the
 * processor calls it in {@code init()}, which Kafka Streams runs after restoring the task's stores
 * and again whenever it revives the task, so the indexes always match the committed facts.
 */
public final class GuardIndexes {
    private static final Logger LOG = LoggerFactory.getLogger(GuardIndexes.class);
    private static final long PROGRESS_EVERY = 1_000_000;

    private final GuardPolicy policy;
    private final TimerChains chains;
    private final Map<String, TenantIndex> tenants = new HashMap<>();
    private final CatalogIndex catalog = new CatalogIndex();
    private final OfferIds offerIds = new OfferIds();
    private final TimerSchedule schedule = new TimerSchedule();

    /** What a rebuild read and how long it took. */
    public record Rebuild(long subscriptions, long transfers, long offers, long nanos) { }

    public GuardIndexes(GuardPolicy policy, TimerChains chains) {
        this.policy = policy;
        this.chains = chains;
    }

    public TenantIndex tenant(String tenantId) {
        return tenants.get(tenantId);
    }

    public TenantIndex tenantOrNew(String tenantId) {
        return tenants.computeIfAbsent(tenantId, id -> new TenantIndex(id, offerIds));
    }

    public Collection<TenantIndex> tenants() {
        return tenants.values();
    }

    /** Subscriptions the tenant indexes hold. */
    public long subscriptions() {
        long n = 0;
        for (TenantIndex t : tenants.values()) {
            n += t.subscriptions();
        }
        return n;
    }

    public CatalogIndex catalog() {
        return catalog;
    }

    public TimerSchedule schedule() {
        return schedule;
    }

    public Rebuild rebuild(FactStore facts, String taskName) {
        long start = System.nanoTime();
        tenants.clear();
        catalog.clear();
        schedule.clear();
        long[] counts = new long[3];
        schedule.filling();
        facts.forEachOffer((id, offer) -> {
            catalog.put(id, offer);
            counts[2]++;
        });
        // Transfers first, so that the scan of the subscriptions fills in the ones they name.
        facts.forEachTransfer((tenant, open) -> {
            TenantIndex index = tenantOrNew(tenant);
            index.openTransfer(open);
            schedule.add(open.expiresAt().toEpochMilli(), TimerSchedule.TRANSFER_EXPIRY, index.tenantId(),
                    open.request().transferId());
            counts[1]++;
        });
        facts.forEachSubscription((tenant, fact) -> {
            TenantIndex index = tenantOrNew(tenant);
            index.add(fact, policy);
            index.subscriptionChanged(fact.held());
            if (fact.timerPending()) {
                // the index's own id: one String per tenant, not one per timer
                chains.schedule(schedule, index.tenantId(), fact);
            }
            if (++counts[0] % PROGRESS_EVERY == 0) {
                LOG.info("task {}: rebuilding indexes, {} subscriptions read so far", taskName, counts[0]);
            }
        });
        schedule.filled();
        schedule.trim();
        Rebuild r = new Rebuild(counts[0], counts[1], counts[2], System.nanoTime() - start);
        LOG.info("task {}: indexes rebuilt from {} subscriptions, {} open transfers and {} offers in {} ms; {} timers pending",
                taskName, r.subscriptions(), r.transfers(), r.offers(), r.nanos() / 1_000_000, schedule.size());
        return r;
    }

    /** Drops the stale entries of the schedule by scheduling again from the facts. */
    public void rebuildSchedule(FactStore facts) {
        schedule.clear();
        schedule.filling();
        facts.forEachSubscription((tenant, fact) -> {
            if (fact.timerPending()) {
                chains.schedule(schedule, tenantOrNew(tenant).tenantId(), fact);
            }
        });
        facts.forEachTransfer((tenant, open) -> schedule.add(open.expiresAt().toEpochMilli(),
                TimerSchedule.TRANSFER_EXPIRY, tenantOrNew(tenant).tenantId(), open.request().transferId()));
        schedule.filled();
        schedule.trim();
    }

    /** A comparable picture of every tenant index and the catalog, for tests of the rebuild invariant. */
    public Map<String, String> describe() {
        Map<String, String> out = new TreeMap<>();
        tenants.forEach((id, t) -> {
            if (t.subscriptions() > 0 || !t.transfers().isEmpty()) {
                out.put(id, t.describe());
            }
        });
        out.put("~catalog", catalog.snapshot().toString());
        return out;
    }
}
