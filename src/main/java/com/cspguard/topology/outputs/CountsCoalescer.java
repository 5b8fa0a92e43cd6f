package com.cspguard.topology.outputs;

import com.cspguard.domain.TenantCounts;
import com.cspguard.topology.indexes.GuardIndexes;
import com.cspguard.topology.indexes.TenantIndex;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code tenant-subscription-counts} output, coalesced per commit interval as the contract allows
 * ("changes within one commit interval may come as one record with the latest values, like a
 * KTable's cache"): an event only marks its tenant, and {@link #flush} (a wall-clock punctuation at
 * the commit interval) sends each marked tenant's latest counts once. On a churning load most events
 * change some tenant's counts, so this is about half of the records the guard writes.
 *
 * <p>The marks live in memory, not in a store. A crash after the transaction holding an event's fact
 * committed and before the flush's transaction would lose them, so the processor marks <em>every</em>
 * tenant of its task after each {@code init()} (a restore, a revival, a rebalance) with
 * {@link #markAll}: the first flush after it sends every tenant's counts once again, and no final count
 * is ever missing. A repeat of a count already sent is harmless on a compacted topic.
 *
 * <p>Marks are kept by tenant id and read back through the indexes at the flush, so a rebuild of
 * the indexes in between (the failure envelope's) loses none of them.
 */
public final class CountsCoalescer {
    /** For a tenant marked by {@link #markAll}: its record carries the tenant's {@code updatedAt}. */
    private static final long AT_UPDATED = Long.MIN_VALUE;

    private final GuardOutputs outputs;
    private final GuardIndexes indexes;
    /** Tenants marked since the last flush, in the order first marked, with their latest change's timestamp. */
    private final Map<String, long[]> marked = new LinkedHashMap<>();

    public CountsCoalescer(GuardOutputs outputs, GuardIndexes indexes) {
        this.outputs = outputs;
        this.indexes = indexes;
    }

    /** The tenant's counts changed with a record of {@code timestamp}; they go out at the next flush. */
    public void changed(String tenantId, long timestamp) {
        long[] at = marked.get(tenantId);
        if (at == null) {
            marked.put(tenantId, new long[]{timestamp});
        } else {
            at[0] = timestamp; // the latest change's, as a KTable's cache forwards it
        }
    }

    /** Marks every tenant that holds a subscription: after init() nobody knows which counts went out. */
    public void markAll() {
        for (TenantIndex tenant : indexes.tenants()) {
            if (tenant.subscriptions() > 0) {
                marked.putIfAbsent(tenant.tenantId(), new long[]{AT_UPDATED});
            }
        }
    }

    /** Tenants waiting for the next flush. */
    public int pending() {
        return marked.size();
    }

    /** Sends the latest counts of every marked tenant, once each; returns how many records went out. */
    public int flush() {
        int sent = 0;
        for (Map.Entry<String, long[]> e : marked.entrySet()) {
            TenantIndex tenant = indexes.tenant(e.getKey());
            if (tenant == null || tenant.subscriptions() == 0) {
                continue; // nothing to count (a rebuild found no fact of it)
            }
            TenantCounts counts = tenant.counts();
            long at = e.getValue()[0];
            outputs.counts(counts, at != AT_UPDATED ? at
                    : counts.updatedAt() == null ? 0L : counts.updatedAt().toEpochMilli());
            sent++;
        }
        marked.clear();
        return sent;
    }
}
