package com.cspguard.it;

import com.cspguard.wire.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.UUID;

import static com.cspguard.it.ServiceIT.event;

/** What the integration tests of the API send and how they clean up: one place for both. */
final class ItRecords {
    private ItRecords() { }

    /** An active subscription of {@code tenant} held by {@code partner}. */
    static ObjectNode held(String tenant, String subscription, String partner) {
        ObjectNode e = event(tenant, subscription, "active", Instant.now());
        e.put("partnerTenantId", partner);
        return e;
    }

    /** An expire-and-repurchase request of {@code subscriptionId} to the partner {@code target}. */
    static ObjectNode transfer(String tenant, String target, String subscriptionId) {
        ObjectNode r = Json.MAPPER.createObjectNode();
        r.put("transferId", "t-" + UUID.randomUUID());
        r.put("requestedAt", Instant.now().toString());
        r.put("customerTenantId", tenant);
        r.put("method", "EXPIRE_AND_REPURCHASE");
        r.put("targetPartnerTenantId", target);
        r.put("targetPartnerCountryCode", "DE");
        r.putObject("requestedBy").put("role", "SALES_AGENT");
        r.putArray("lineItems").addObject().put("subscriptionId", subscriptionId);
        return r;
    }

    /** Closes each, best effort: a test's teardown goes on whatever one of them throws. */
    static void closeAll(AutoCloseable... resources) {
        for (AutoCloseable c : resources) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // best effort
            }
        }
    }
}
