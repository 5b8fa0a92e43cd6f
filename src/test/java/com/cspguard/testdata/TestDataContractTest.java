package com.cspguard.testdata;

import com.cspguard.wire.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The builders write what the contract's schemas (topics/*.schema.json) accept, with their defaults
 * and with every optional field set, and leave an optional field out until a test sets it.
 */
class TestDataContractTest {
    private static void assertValid(String topic, JsonNode record) throws IOException {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Json.MAPPER.readTree(Path.of("topics", topic + ".schema.json").toFile()), config);
        assertThat(schema.validate(record)).as(topic + " " + record).isEmpty();
    }

    @Test
    void subscriptionEventsMatchTheSchema() throws IOException {
        assertValid("subscription-events", SubscriptionEvents.event("t-1", "s1", "suspended", Instant.now()));
        assertValid("subscription-events", SubscriptionEvents.of("t-1", "s1").occurredAt(Instant.now()).country("FR")
                .channel("DIRECT").heldBy("p-1").offer("X:1").offerName("X").quantity(3).status("expired").autoRenew(false)
                .effectiveStartDate("2026-01-14T00:00:00Z").commitmentEndDate("2027-01-13").term("P1Y", "monthly")
                .trial(true).refundableUntil("2026-01-21T00:00:00Z").json());
    }

    @Test
    void transferRequestsMatchTheSchema() throws IOException {
        assertValid("transfer-requests", TransferRequests.of("t-1").lineItems("s1").json());
        assertValid("transfer-requests", TransferRequests.of("t-1").transferId("t-9").requestedAt(Instant.now())
                .status("REQUESTED").transferType("PARTNER_TO_PARTNER").duplicate().from("p-1").to("p-2", "FR")
                .by("u-1", "HELPDESK_AGENT").delegatedAdminAccess(true).lineItems(3)
                .eachLineItem(item -> item.put("quantity", 1).put("targetOfferId", "Y:1")).json());
    }

    @Test
    void catalogOffersMatchTheSchema() throws IOException {
        assertValid("offer-catalog", CatalogOffers.of("X:1").json());
        assertValid("offer-catalog", CatalogOffers.of("X:1").named("X").discontinued().equivalents("Y:1", "Z:1").json());
    }

    @Test
    void optionalFieldsAreLeftOutUntilSet() {
        JsonNode request = TransferRequests.of("t-1").method(null).json();
        assertThat(request.has("method")).isFalse();
        assertThat(request.has("status")).isFalse();
        assertThat(request.has("sourcePartnerTenantId")).isFalse();
        assertThat(request.has("delegatedAdminAccess")).isFalse();
        assertThat(request.get("requestedBy").has("userId")).isFalse();
        JsonNode event = SubscriptionEvents.event("t-1", "s1", "active", Instant.now());
        assertThat(event.has("partnerTenantId")).isFalse();
        assertThat(event.get("subscription").has("refundableUntil")).isFalse();
        JsonNode offer = CatalogOffers.of("X:1").json();
        assertThat(offer.has("equivalentOfferIds")).isFalse();
        assertThat(offer.has("offerName")).isFalse();
    }

    @Test
    void lineItemsKeepTheirOrderAndGetWhatEachShouldHold() {
        JsonNode items = TransferRequests.of("t-1").lineItems("b", "a").lineItems(2)
                .eachLineItem(item -> item.put("quantity", 1)).json().get("lineItems");
        assertThat(items).extracting(i -> i.get("subscriptionId").asText()).containsExactly("b", "a", "s0", "s1");
        assertThat(items).allMatch(i -> i.get("quantity").asInt() == 1);
    }
}
