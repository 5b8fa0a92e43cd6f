package com.cspguard.topology.decisions;

import com.cspguard.topology.facts.FactStore;
import com.cspguard.topology.indexes.GuardIndexes;
import com.cspguard.topology.indexes.TenantIndex;
import com.cspguard.topology.indexes.TransferEntry;

/**
 * Ends open transfers, whoever ends them: a WITHDRAWN or COMPLETED request (an input) or the
 * transfer's maximum age (a timer). One place, so both remove the fact and the index entry alike.
 */
public final class OpenTransfers {
    private final FactStore facts;
    private final GuardIndexes indexes;

    public OpenTransfers(FactStore facts, GuardIndexes indexes) {
        this.facts = facts;
        this.indexes = indexes;
    }

    /** Removes an open transfer; its expiry timer goes stale with it. */
    public void close(TenantIndex tenant, TransferEntry entry) {
        facts.removeTransfer(tenant.tenantId(), entry.transferId());
        tenant.removeTransfer(entry.transferId());
        indexes.schedule().retire();
    }
}
