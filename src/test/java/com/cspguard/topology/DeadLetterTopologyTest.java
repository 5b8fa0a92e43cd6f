package com.cspguard.topology;

import com.cspguard.topology.outputs.GuardOutputs;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static com.cspguard.topology.Fixtures.TENANT;
import static com.cspguard.topology.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

/** Every kind of bad record goes to the dead-letter topic unchanged, with a reason, and changes nothing. */
class DeadLetterTopologyTest {
    private final GuardDriver d = new GuardDriver();

    @AfterEach
    void close() {
        d.close();
    }

    private void assertDeadLettered(String key, String value, String reasonPart) {
        List<TestRecord<String, String>> dlq = d.deadLetters();
        assertThat(dlq).hasSize(1);
        assertThat(dlq.get(0).key()).isEqualTo(key);
        assertThat(dlq.get(0).value()).isEqualTo(value);
        assertThat(GuardDriver.header(dlq.get(0), GuardOutputs.ERROR_REASON)).contains(reasonPart);
        assertThat(d.counts()).isEmpty();
    }

    @Test
    void invalidJson() {
        d.event(TENANT, "{not json");
        assertDeadLettered(TENANT, "{not json", "invalid JSON");
        assertThat(d.metrics.deadLettered).containsEntry("subscription-events", 1);
    }

    @Test
    void jsonThatIsNotAnObject() {
        d.event(TENANT, "[1,2]");
        assertDeadLettered(TENANT, "[1,2]", "not a JSON object");
    }

    @ParameterizedTest
    @CsvSource({
            "eventId, missing field: eventId",
            "occurredAt, missing field: occurredAt",
            "customerTenantId, missing field: customerTenantId",
            "subscription, missing field: subscription"})
    void missingTopLevelField(String field, String reason) {
        ObjectNode e = event(TENANT, "s1", "active", GuardDriver.START);
        e.remove(field);
        d.event(TENANT, e.toString());
        assertDeadLettered(TENANT, e.toString(), reason);
    }

    @ParameterizedTest
    @CsvSource({"id", "offerId", "status"})
    void missingSubscriptionField(String field) {
        ObjectNode e = event(TENANT, "s1", "active", GuardDriver.START);
        Fixtures.sub(e).remove(field);
        d.event(TENANT, e.toString());
        assertDeadLettered(TENANT, e.toString(), "missing field: subscription." + field);
    }

    @Test
    void wrongType() {
        ObjectNode e = event(TENANT, "s1", "active", GuardDriver.START);
        Fixtures.sub(e).put("quantity", "fifteen");
        d.event(TENANT, e.toString());
        assertDeadLettered(TENANT, e.toString(), "wrong type: subscription.quantity");
    }

    @Test
    void wrongTypeOfBoolean() {
        ObjectNode e = event(TENANT, "s1", "active", GuardDriver.START);
        Fixtures.sub(e).put("autoRenewEnabled", "yes");
        d.event(TENANT, e.toString());
        assertDeadLettered(TENANT, e.toString(), "wrong type: subscription.autoRenewEnabled");
    }

    @Test
    void unknownEnumValue() {
        ObjectNode e = event(TENANT, "s1", "retired", GuardDriver.START);
        d.event(TENANT, e.toString());
        assertDeadLettered(TENANT, e.toString(), "unknown value: subscription.status 'retired'");
    }

    @Test
    void unknownChannel() {
        ObjectNode e = event(TENANT, "s1", "active", GuardDriver.START);
        e.put("channel", "RESELLER");
        d.event(TENANT, e.toString());
        assertDeadLettered(TENANT, e.toString(), "unknown value: channel");
    }

    @Test
    void invalidInstant() {
        ObjectNode e = event(TENANT, "s1", "active", GuardDriver.START);
        e.put("occurredAt", "yesterday");
        d.event(TENANT, e.toString());
        assertDeadLettered(TENANT, e.toString(), "invalid instant: occurredAt");
    }

    @Test
    void keyDifferingFromTenant() {
        ObjectNode e = event(TENANT, "s1", "active", GuardDriver.START);
        d.event("someone-else", e.toString());
        assertDeadLettered("someone-else", e.toString(), "key mismatch");
    }

    @Test
    void missingKey() {
        ObjectNode e = event(TENANT, "s1", "active", GuardDriver.START);
        d.event(null, e.toString());
        assertDeadLettered(null, e.toString(), "missing key");
    }

    @Test
    void enumValuesAreReadCaseInsensitivelyAndUnknownFieldsIgnored() {
        ObjectNode e = event(TENANT, "s1", "ACTIVE", GuardDriver.START);
        e.put("channel", "direct");
        e.put("somethingNew", 42);
        d.event(e);
        assertThat(d.deadLetters()).isEmpty();
        assertThat(d.counts().get(0).get("countedSubscriptions").asInt()).isEqualTo(1);
    }

    @Test
    void reasonNamesEveryProblem() {
        ObjectNode e = event(TENANT, "s1", "active", GuardDriver.START);
        e.remove("eventId");
        Fixtures.sub(e).remove("offerId");
        d.event(TENANT, e.toString());
        String reason = GuardDriver.header(d.deadLetters().get(0), GuardOutputs.ERROR_REASON);
        assertThat(reason).contains("missing field: eventId").contains("missing field: subscription.offerId");
    }

    @Test
    void badRecordDoesNotStopTheStream() {
        d.event(TENANT, "garbage");
        d.event(event(TENANT, "s1", "active", GuardDriver.START));
        assertThat(d.deadLetters()).hasSize(1);
        assertThat(d.counts()).hasSize(1);
    }

    @Test
    void deadLetterCarriesWhereItCameFrom() {
        d.event(TENANT, "garbage");
        TestRecord<String, String> r = d.deadLetters().get(0);
        assertThat(GuardDriver.header(r, GuardOutputs.ERROR_TOPIC)).isEqualTo("subscription-events");
        assertThat(GuardDriver.header(r, GuardOutputs.ERROR_OFFSET)).isEqualTo("0");
    }

    @Test
    void badTransferRequestGoesToTheDeadLetterTopic() {
        ObjectNode r = Fixtures.request(TENANT, "t-1", "DUPLICATE", "s1");
        r.remove("targetPartnerCountryCode");
        d.request(TENANT, r.toString());
        assertDeadLettered(TENANT, r.toString(), "missing field: targetPartnerCountryCode");
        assertThat(d.decisions()).isEmpty();
    }

    @Test
    void transferRequestWithoutLineItemsIsBad() {
        ObjectNode r = Fixtures.request(TENANT, "t-1", "DUPLICATE");
        d.request(TENANT, r.toString());
        assertDeadLettered(TENANT, r.toString(), "lineItems");
    }

    @Test
    void arrayElementsOfTheWrongTypeAreNamed() {
        ObjectNode r = Fixtures.request(TENANT, "t-1", "DUPLICATE", "s1");
        r.withArray("lineItems").add(7);
        d.request(TENANT, r.toString());
        assertDeadLettered(TENANT, r.toString(), "wrong type: lineItems[1] (expected object)");
        d.offer("X:1", "{\"offerId\":\"X:1\",\"equivalentOfferIds\":[\"Y:1\",3]}");
        assertThat(GuardDriver.header(d.deadLetters().get(0), GuardOutputs.ERROR_REASON))
                .isEqualTo("wrong type: equivalentOfferIds[1] (expected string)");
    }

    @Test
    void transferRequestWithUnknownMethodIsBad() {
        ObjectNode r = Fixtures.request(TENANT, "t-1", "TELEPORT", "s1");
        d.request(TENANT, r.toString());
        assertDeadLettered(TENANT, r.toString(), "unknown value: method");
    }

    @Test
    void badOfferCatalogRecordGoesToTheDeadLetterTopic() {
        d.offer("X:1", "{\"offerId\":\"X:1\",\"status\":\"GONE\"}");
        List<TestRecord<String, String>> dlq = d.deadLetters();
        assertThat(dlq).hasSize(1);
        assertThat(GuardDriver.header(dlq.get(0), GuardOutputs.ERROR_REASON)).contains("unknown value: status");
    }
}
