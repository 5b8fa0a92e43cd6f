package com.cspguard.it;

import com.cspguard.testdata.SubscriptionEvents;
import com.cspguard.testdata.TransferRequests;
import com.cspguard.wire.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** What the integration tests send and read back, over the shared builders of com.cspguard.testdata. */
final class ItRecords {
    private ItRecords() { }

    /** A record or an answer the service wrote, as a JSON tree. */
    static JsonNode json(String s) {
        try {
            return Json.MAPPER.readTree(s);
        } catch (Exception e) {
            throw new IllegalStateException(s, e);
        }
    }

    /** An active subscription of {@code tenant} held by {@code partner}. */
    static ObjectNode held(String tenant, String subscription, String partner) {
        return SubscriptionEvents.of(tenant, subscription).heldBy(partner).json();
    }

    /** An expire-and-repurchase request of {@code subscriptionId} to the partner {@code target}. */
    static ObjectNode transfer(String tenant, String target, String subscriptionId) {
        return TransferRequests.of(tenant).to(target).lineItems(subscriptionId).json();
    }
}
