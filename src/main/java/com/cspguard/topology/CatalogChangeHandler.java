package com.cspguard.topology;

import com.cspguard.domain.Offer;
import com.cspguard.domain.OfferCatalog;
import com.cspguard.domain.OpenTransfer;

import java.time.Instant;

/**
 * Keeps this task's copy of the offer catalog and re-evaluates the open transfers that name the
 * changed offer. Catalog changes are rare, so it looks through the task's open transfers.
 */
public final class CatalogChangeHandler {
    private final GuardStores stores;
    private final TransferDecider decider;

    public CatalogChangeHandler(GuardStores stores, TransferDecider decider) {
        this.stores = stores;
        this.decider = decider;
    }

    public void handle(String offerId, Offer offer, long nowMillis) {
        stores.putOffer(offerId, offer);
        OfferCatalog catalog = stores.catalog();
        Instant now = Instant.ofEpochMilli(nowMillis);
        for (OpenTransfer open : stores.allOpenTransfers()) {
            if (names(open, offerId)) {
                var counts = stores.counts(open.request().customerTenantId());
                decider.decide(open, open.request(), counts, catalog, now, open.expiresAt());
            }
        }
    }

    /** True when the transfer names the offer as a target or through a subscription it moves. */
    private boolean names(OpenTransfer open, String offerId) {
        String tenant = open.request().customerTenantId();
        for (var item : open.request().lineItems()) {
            if (offerId.equals(item.targetOfferId())) {
                return true;
            }
            SubscriptionState state = stores.subscription(tenant, item.subscriptionId());
            if (state != null && offerId.equals(state.held().subscription().offerId())) {
                return true;
            }
        }
        return false;
    }
}
