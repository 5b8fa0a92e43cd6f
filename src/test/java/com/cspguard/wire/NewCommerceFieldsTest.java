package com.cspguard.wire;

import com.cspguard.domain.CommerceType;
import com.cspguard.domain.HeldSubscription;
import com.cspguard.domain.SubscriptionEvent;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Contract, subscription-events: commerceType (with its derivation), refundableUntil and customerName. */
class NewCommerceFieldsTest {
    private static final String TENANT = "4cfba01c-7d9d-4b5a-9c2e-000000000001";

    private static ParseResult<SubscriptionEvent> parse(String offerId, String extraSubscriptionFields, String extra) {
        String json = "{\"eventId\":\"e1\",\"occurredAt\":\"2026-11-23T10:15:30Z\",\"customerTenantId\":\"" + TENANT
                + "\"" + extra + ",\"subscription\":{\"id\":\"s1\",\"offerId\":\"" + offerId
                + "\",\"offerName\":\"Business Basic\",\"status\":\"active\",\"effectiveStartDate\":\"2026-01-14T00:00:00Z\","
                + "\"commitmentEndDate\":\"2027-01-13\",\"termDuration\":\"P1Y\"" + extraSubscriptionFields + "}}";
        return InputParser.subscriptionEvent(TENANT.getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8));
    }

    private static SubscriptionEvent ok(ParseResult<SubscriptionEvent> r) {
        assertThat(r).isInstanceOf(ParseResult.Ok.class);
        return ((ParseResult.Ok<SubscriptionEvent>) r).value();
    }

    @Test
    void anExplicitCommerceTypeIsReadCaseInsensitively() {
        assertThat(ok(parse("CFQ7TTC0LH18:0001", ",\"commerceType\":\"legacy\"", "")).subscription().commerceType())
                .isEqualTo(CommerceType.LEGACY);
    }

    @Test
    void withoutItTheProductTypeOrTheOfferIdDecides() {
        String guid = "031c9e47-4802-4248-838e-778fb1d2cc05";
        assertThat(ok(parse(guid, "", "")).subscription().commerceType()).isEqualTo(CommerceType.LEGACY);
        assertThat(ok(parse("CFQ7TTC0LH18:0001", "", "")).subscription().commerceType())
                .isEqualTo(CommerceType.NEW_COMMERCE);
        assertThat(ok(parse(guid, ",\"productType\":{\"id\":\"OnlineServicesNCE\"}", "")).subscription().commerceType())
                .isEqualTo(CommerceType.NEW_COMMERCE);
    }

    @Test
    void aCommerceTypeOutsideItsEnumIsABadRecord() {
        assertThat(parse("CFQ7TTC0LH18:0001", ",\"commerceType\":\"modern\"", ""))
                .isInstanceOf(ParseResult.Bad.class);
    }

    @Test
    void refundableUntilAndTheNameAreReadAndKept() {
        SubscriptionEvent e = ok(parse("CFQ7TTC0LH18:0001", ",\"refundableUntil\":\"2026-01-21T00:00:00Z\"",
                ",\"customerName\":\"Contoso GmbH\""));
        assertThat(e.customerName()).isEqualTo("Contoso GmbH");
        HeldSubscription held = e.toHeld();
        assertThat(held.subscription().refundableUntil()).isEqualTo(Instant.parse("2026-01-21T00:00:00Z"));
        assertThat(held.subscription().offerName()).isEqualTo("Business Basic");
        assertThat(held.subscription().effectiveStartDate()).isEqualTo(Instant.parse("2026-01-14T00:00:00Z"));
        assertThat(held.subscription().termDuration()).isEqualTo("P1Y");
        assertThat(held.subscription().commerceType()).isEqualTo(CommerceType.NEW_COMMERCE);
    }
}
