package com.cspguard.topology;

import com.cspguard.testdata.CatalogOffers;
import com.cspguard.testdata.SubscriptionEvents;
import com.cspguard.testdata.TransferRequests;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/** Contract-shaped JSON records for tests. */
final class Fixtures {
    private Fixtures() { }

    static final String TENANT = "4cfba01c-0000-4000-8000-000000000001";
    static final String OFFER = "CFQ7TTC0LH18:0001";

    static final String PARTNER = "bf8c56ab-0000-4000-8000-00000000000a";

    /** An event with every field of the contract's sample, as the topology tests send it. */
    static ObjectNode event(String tenant, String subscriptionId, String status, Instant occurredAt) {
        return events(tenant, subscriptionId, status, occurredAt).json();
    }

    /** The builder of {@link #event}, for a test that changes some of its fields. */
    static SubscriptionEvents events(String tenant, String subscriptionId, String status, Instant occurredAt) {
        return SubscriptionEvents.of(tenant, subscriptionId).occurredAt(occurredAt).heldBy(PARTNER)
                .offer(OFFER).offerName("Microsoft 365 Business Basic").quantity(15).status(status)
                .effectiveStartDate("2026-01-14T00:00:00Z").commitmentEndDate("2027-01-13").term("P1Y", "monthly")
                .trial(false)
                // new commerce (a catalog-style offer id) still cancellable when the tests' requests are made
                // (GuardDriver.START), so a DUPLICATE raises no CANCELLATION_NOT_POSSIBLE unless a test wants it
                .refundableUntil("2026-11-30T00:00:00Z");
    }

    static ObjectNode sub(ObjectNode event) {
        return (ObjectNode) event.get("subscription");
    }

    /** A request with every field of the contract's sample, made at the driver's start. */
    static ObjectNode request(String tenant, String transferId, String method, String... subscriptionIds) {
        return requests(tenant, transferId, method, subscriptionIds).json();
    }

    /** The builder of {@link #request}, for a test that changes some of its fields. */
    static TransferRequests requests(String tenant, String transferId, String method, String... subscriptionIds) {
        return TransferRequests.of(tenant).transferId(transferId).requestedAt(GuardDriver.START)
                .status("REQUESTED").transferType("PARTNER_TO_PARTNER").method(method).from(PARTNER)
                .by("u-1", "SALES_AGENT").delegatedAdminAccess(false).lineItems(subscriptionIds);
    }

    static ObjectNode offer(String offerId, String status, String... equivalents) {
        return CatalogOffers.of(offerId).named("Offer " + offerId).status(status).equivalents(equivalents).json();
    }
}
