package com.cspguard.topology.decisions;

import com.cspguard.domain.HeldSubscription;
import com.cspguard.domain.Offer;
import com.cspguard.topology.facts.FactStore;
import com.cspguard.topology.indexes.GuardIndexes;
import com.cspguard.topology.indexes.TenantIndex;
import com.cspguard.topology.indexes.TransferEntry;

import java.time.Instant;
import java.util.List;

/**
 * Keeps this task's copy of the offer catalog (a fact, and its index in memory) and re-evaluates
 * the open transfers that name the changed offer. Catalog changes are rare, so it looks through
 * the task's open transfers.
 */
public final class CatalogChangeHandler {
    private final FactStore facts;
    private final GuardIndexes indexes;
    private final TransferDecider decider;

    public CatalogChangeHandler(FactStore facts, GuardIndexes indexes, TransferDecider decider) {
        this.facts = facts;
        this.indexes = indexes;
        this.decider = decider;
    }

    public void handle(String offerId, Offer offer, long nowMillis) {
        facts.putOffer(offerId, offer);
        indexes.catalog().put(offerId, offer);
        Instant now = Instant.ofEpochMilli(nowMillis);
        for (TenantIndex tenant : List.copyOf(indexes.tenants())) {
            for (TransferEntry t : List.copyOf(tenant.transfers())) {
                if (names(t, offerId)) {
                    decider.reevaluate(tenant, t, now);
                }
            }
        }
    }

    /** True when the transfer names the offer as a target or through a subscription it moves. */
    private static boolean names(TransferEntry t, String offerId) {
        for (HeldSubscription held : t.named().values()) {
            if (offerId.equals(held.subscription().offerId())) {
                return true;
            }
        }
        return t.request().lineItems().stream().anyMatch(i -> offerId.equals(i.targetOfferId()));
    }
}
