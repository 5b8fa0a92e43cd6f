package com.cspguard.wire;

import com.cspguard.testdata.TransferRequests;
import com.cspguard.domain.TransferRequest;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The size and range limits InputParser checks, so that what it accepts can be stored and answered. */
class InputLimitsTest {
    private static final String TENANT = "4cfba01c-0000-4000-8000-000000000001";
    private static final InputLimits SMALL = new InputLimits(4_096, 40, 3);

    private static ObjectNode event(String occurredAt, String commitmentEndDate) {
        ObjectNode e = Json.MAPPER.createObjectNode();
        e.put("eventId", "e-1");
        e.put("occurredAt", occurredAt);
        e.put("customerTenantId", TENANT);
        ObjectNode s = e.putObject("subscription");
        s.put("id", "s1");
        s.put("offerId", "CFQ7TTC0LH18:0001");
        s.put("status", "active");
        s.put("commitmentEndDate", commitmentEndDate);
        return e;
    }

    private static ObjectNode request(int lineItems) {
        return TransferRequests.of(TENANT).transferId("t-1").requestedAt("2026-11-23T10:00:00Z").method(null)
                .lineItems(lineItems).json();
    }

    private static byte[] bytes(Object json) {
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String reason(ParseResult<?> result) {
        assertThat(result).isInstanceOf(ParseResult.Bad.class);
        return ((ParseResult.Bad<?>) result).reason();
    }

    @Test
    void aRecordOverTheSizeLimitIsRefusedBeforeParsing() {
        byte[] value = ("{\"x\":\"" + "a".repeat(5_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        assertThat(reason(InputParser.subscriptionEvent(bytes(TENANT), value, SMALL)))
                .isEqualTo("too large: the value has " + value.length + " bytes (at most 4096)");
    }

    @Test
    void aRecordAtTheSizeLimitIsRead() {
        ObjectNode e = event("2026-11-23T10:00:00Z", "2027-01-31");
        e.put("padding", "");
        e.put("padding", "p".repeat(4_096 - bytes(e).length));
        assertThat(bytes(e)).hasSize(4_096);
        assertThat(InputParser.subscriptionEvent(bytes(TENANT), bytes(e), SMALL)).isInstanceOf(ParseResult.Ok.class);
    }

    @Test
    void everyStringFieldIsBoundedWithItsPathNamed() {
        ObjectNode e = event("2026-11-23T10:00:00Z", "2027-01-31");
        ((ObjectNode) e.get("subscription")).put("offerName", "n".repeat(41));
        e.put("partnerTenantId", "p".repeat(40)); // at the limit: fine
        assertThat(reason(InputParser.subscriptionEvent(bytes(TENANT), bytes(e), SMALL)))
                .isEqualTo("too long: subscription.offerName has 41 characters (at most 40)");
    }

    @Test
    void lineItemFieldsAndEquivalentOfferIdsAreBoundedToo() {
        ObjectNode r = request(2);
        ((ObjectNode) r.withArray("lineItems").get(1)).put("targetOfferId", "o".repeat(41));
        assertThat(reason(InputParser.transferRequest(bytes(TENANT), bytes(r), SMALL)))
                .isEqualTo("too long: lineItems[1].targetOfferId has 41 characters (at most 40)");
        String offer = "{\"offerId\":\"X:1\",\"equivalentOfferIds\":[\"Y:1\",\"" + "z".repeat(41) + "\"]}";
        assertThat(reason(InputParser.offer(bytes("X:1"), offer.getBytes(StandardCharsets.UTF_8), SMALL)))
                .isEqualTo("too long: equivalentOfferIds[1] has 41 characters (at most 40)");
    }

    @Test
    void lineItemsAreCounted() {
        assertThat(InputParser.transferRequest(bytes(TENANT), bytes(request(3)), SMALL)).isInstanceOf(ParseResult.Ok.class);
        assertThat(reason(InputParser.transferRequest(bytes(TENANT), bytes(request(4)), SMALL)))
                .isEqualTo("too many elements: lineItems has 4 (at most 3)");
    }

    @Test
    void theHttpBodyHasTheSameLimits() {
        ParseResult<TransferRequest> r = InputParser.transferRequestBody(bytes(request(4)), SMALL);
        assertThat(reason(r)).isEqualTo("too many elements: lineItems has 4 (at most 3)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+300000000-01-01T00:00:00Z", "+10000-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "-0001-01-01T00:00:00Z"})
    void instantsOutsideTheRangeAreRefused(String instant) {
        assertThat(reason(InputParser.subscriptionEvent(bytes(TENANT), bytes(event(instant, "2027-01-31")), SMALL)))
                .isEqualTo("out of range: occurredAt '" + instant + "' (expected a time between 1970-01-01 and 9999-12-31)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1969-12-31", "1969-12-31T00:00:00Z", "+300000000-01-01T00:00:00Z"})
    void datesOutsideTheRangeAreRefused(String date) {
        assertThat(reason(InputParser.subscriptionEvent(bytes(TENANT), bytes(event("2026-11-23T10:00:00Z", date)), SMALL)))
                .startsWith("out of range: subscription.commitmentEndDate '" + date + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1970-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z"})
    void theEndsOfTheRangeAreAccepted(String instant) {
        assertThat(InputParser.subscriptionEvent(bytes(TENANT), bytes(event(instant, "9999-12-31")), SMALL))
                .isInstanceOf(ParseResult.Ok.class);
    }

    @Test
    void limitsMustBeSaneSettings() {
        assertThatThrownBy(() -> new InputLimits(0, 10, 10)).hasMessageContaining("must be positive");
        assertThatThrownBy(() -> new InputLimits(100, 20_000, 10)).hasMessageContaining("16383");
    }
}
