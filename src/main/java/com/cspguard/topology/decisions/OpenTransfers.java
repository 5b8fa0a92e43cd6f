package com.cspguard.topology.decisions;

import com.cspguard.topology.facts.FactStore;
import com.cspguard.topology.indexes.GuardIndexes;
import com.cspguard.topology.indexes.TenantIndex;
import com.cspguard.topology.indexes.TransferEntry;

import java.time.Instant;
import java.util.Map;

/**
 * Ends open transfers, whoever ends them: a WITHDRAWN or COMPLETED request (an input) or the
 * transfer's maximum age (a timer). One place, so both remove the fact and the index entry alike,
 * and both evaluate again the tenant's other open requests it competed with.
 */
public final class OpenTransfers {
    private final FactStore facts;
    private final GuardIndexes indexes;
    private final TransferDecider decider;

    public OpenTransfers(FactStore facts, GuardIndexes indexes, TransferDecider decider) {
        this.facts = facts;
        this.indexes = indexes;
        this.decider = decider;
    }

    /**
     * Removes an open transfer; its expiry timer goes stale with it. The tenant's other open requests
     * whose outcome depended on it (COMPETING_TRANSFERS) are evaluated again at {@code now}.
     */
    public void close(TenantIndex tenant, TransferEntry entry, Instant now) {
        Map<String, Integer> before = tenant.openDuplications();
        facts.removeTransfer(tenant.tenantId(), entry.transferId());
        tenant.removeTransfer(entry.transferId());
        indexes.schedule().retire();
        decider.afterTransfersChanged(tenant, before, entry.transferId(), now);
    }
}
