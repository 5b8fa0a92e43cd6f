package com.cspguard.topology.decisions;

import com.cspguard.domain.Offer;
import com.cspguard.topology.facts.FactStore;
import com.cspguard.topology.facts.SubscriptionFact;
import com.cspguard.topology.indexes.GuardIndexes;
import com.cspguard.topology.indexes.TenantIndex;
import com.cspguard.topology.indexes.TransferSummary;

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
            for (TransferSummary t : List.copyOf(tenant.transfers())) {
                if (names(tenant.tenantId(), t, offerId)) {
                    decider.reevaluate(tenant, t.transferId(), now);
                }
            }
        }
    }

    /**
     * True when the transfer may name the offer: as a target (read from the transfer) or through a
     * subscription it moves. Rare, so reading is fine; a false positive only costs an evaluation
     * that emits nothing new.
     */
    private boolean names(String tenant, TransferSummary t, String offerId) {
        for (String id : t.subscriptionIds()) {
            SubscriptionFact fact = facts.subscription(tenant, id);
            if (fact != null && offerId.equals(fact.offerId())) {
                return true;
            }
        }
        var open = facts.transfer(tenant, t.transferId());
        return open != null && open.request().lineItems().stream().anyMatch(i -> offerId.equals(i.targetOfferId()));
    }
}
