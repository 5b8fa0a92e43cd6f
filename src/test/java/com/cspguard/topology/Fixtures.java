package com.cspguard.topology;

import com.cspguard.wire.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.UUID;

/** Contract-shaped JSON records for tests. */
final class Fixtures {
    private Fixtures() { }

    static final String TENANT = "4cfba01c-0000-4000-8000-000000000001";
    static final String OFFER = "CFQ7TTC0LH18:0001";

    static ObjectNode event(String tenant, String subscriptionId, String status, Instant occurredAt) {
        ObjectNode e = Json.MAPPER.createObjectNode();
        e.put("eventId", UUID.randomUUID().toString());
        e.put("occurredAt", occurredAt.toString());
        e.put("customerTenantId", tenant);
        e.put("customerCountryCode", "DE");
        e.put("channel", "CSP");
        e.put("partnerTenantId", "bf8c56ab-0000-4000-8000-00000000000a");
        ObjectNode s = e.putObject("subscription");
        s.put("id", subscriptionId);
        s.put("offerId", OFFER);
        s.put("offerName", "Microsoft 365 Business Basic");
        s.put("quantity", 15);
        s.put("status", status);
        s.put("autoRenewEnabled", true);
        s.put("effectiveStartDate", "2026-01-14T00:00:00Z");
        s.put("commitmentEndDate", "2027-01-13");
        s.put("termDuration", "P1Y");
        s.put("billingCycle", "monthly");
        s.put("isTrial", false);
        // new commerce (a catalog-style offer id) still cancellable when the tests' requests are made
        // (GuardDriver.START), so a DUPLICATE raises no CANCELLATION_NOT_POSSIBLE unless a test wants it
        s.put("refundableUntil", "2026-11-30T00:00:00Z");
        return e;
    }

    static ObjectNode sub(ObjectNode event) {
        return (ObjectNode) event.get("subscription");
    }

    static ObjectNode request(String tenant, String transferId, String method, String... subscriptionIds) {
        ObjectNode r = Json.MAPPER.createObjectNode();
        r.put("transferId", transferId);
        r.put("requestedAt", GuardDriver.START.toString());
        r.put("customerTenantId", tenant);
        r.put("status", "REQUESTED");
        r.put("transferType", "PARTNER_TO_PARTNER");
        r.put("method", method);
        r.put("sourcePartnerTenantId", "bf8c56ab-0000-4000-8000-00000000000a");
        r.put("targetPartnerTenantId", "77aa01c2-0000-4000-8000-00000000000b");
        r.put("targetPartnerCountryCode", "DE");
        ObjectNode by = r.putObject("requestedBy");
        by.put("userId", "u-1");
        by.put("role", "SALES_AGENT");
        r.put("delegatedAdminAccess", false);
        ArrayNode items = r.putArray("lineItems");
        for (String id : subscriptionIds) {
            items.addObject().put("subscriptionId", id);
        }
        return r;
    }

    static ObjectNode offer(String offerId, String status, String... equivalents) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("offerId", offerId);
        o.put("offerName", "Offer " + offerId);
        o.put("status", status);
        ArrayNode eq = o.putArray("equivalentOfferIds");
        for (String e : equivalents) {
            eq.add(e);
        }
        return o;
    }
}
