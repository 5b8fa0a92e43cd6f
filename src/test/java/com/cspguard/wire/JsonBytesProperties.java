package com.cspguard.wire;

import com.cspguard.domain.Channel;
import com.cspguard.domain.GuardPolicy;
import com.cspguard.domain.HeldSubscription;
import com.cspguard.domain.Subscription;
import com.cspguard.domain.SubscriptionStatus;
import com.cspguard.domain.TenantCounts;
import com.cspguard.domain.TimerType;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The records written without Jackson's generator read back, through Jackson, as what was written. */
class JsonBytesProperties {

    @Provide
    Arbitrary<String> anyText() {
        // printable ASCII (the copied path) and everything else (the escaped path): quotes, backslashes,
        // control characters, accents, CJK, pairs of surrogates (emoji)
        return Arbitraries.oneOf(
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(40),
                Arbitraries.strings().withChars('"', '\\', '\n', '\t', '\u0000', '\u001f', '\u007f', 'é', '中', 'x')
                        .ofMaxLength(20),
                Arbitraries.strings().all().ofMaxLength(20),
                Arbitraries.of("😀", "a😀b", "\u2028", "\uFEFF", "a\ud800b", "\udc00", "x\ud83d"));
    }

    @Property(tries = 2000)
    void stringsAndNumbersReadBackAsWritten(@ForAll("anyText") String text, @ForAll("anyText") String name,
                                            @ForAll long number) throws Exception {
        byte[] json = new JsonBytes(4).begin().field("text", text).field("number", number)
                .beginObject("inner").field(name, text).end().field("none", null).end().toBytes();
        // byte for byte what Jackson's generator writes for the same fields
        ByteArrayBuilder jackson = new ByteArrayBuilder();
        try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(jackson)) {
            g.writeStartObject();
            g.writeStringField("text", text);
            g.writeNumberField("number", number);
            g.writeObjectFieldStart("inner");
            g.writeStringField(name, text);
            g.writeEndObject();
            g.writeNullField("none");
            g.writeEndObject();
        }
        assertThat(json).isEqualTo(jackson.toByteArray());
        JsonNode node = Json.MAPPER.readTree(json);
        assertThat(node.get("text").asText()).isEqualTo(text);
        assertThat(node.get("number").asLong()).isEqualTo(number);
        assertThat(node.get("inner").get(name).asText()).isEqualTo(text);
        assertThat(node.get("inner").size()).isEqualTo(1);
        assertThat(node.get("none").isNull()).isTrue();
        assertThat(node.size()).isEqualTo(4);
    }

    @Property(tries = 500)
    void countsReadBackAsTheirFields(@ForAll("anyText") String tenant, @ForAll @IntRange(max = 400) int counted,
                                     @ForAll @IntRange(max = 300) int active, @ForAll @IntRange(max = 300) int expired,
                                     @ForAll boolean dated) throws Exception {
        Map<String, Integer> byStatus = new LinkedHashMap<>();
        byStatus.put("active", active);
        byStatus.put("expired", expired);
        Instant updated = dated ? Instant.ofEpochMilli(1_790_000_000_123L + counted) : null;
        TenantCounts counts = new TenantCounts(tenant, counted, byStatus, "DE", updated);
        GuardPolicy policy = GuardPolicy.defaults();
        ObjectNode expected = Json.MAPPER.createObjectNode();
        expected.put("customerTenantId", tenant);
        expected.put("countedSubscriptions", counted);
        expected.put("duplicationThreshold", policy.duplicationThreshold());
        expected.put("tenantMaximum", policy.tenantMaximum());
        expected.put("headroom", policy.duplicationThreshold() - counted);
        expected.putObject("byStatus").put("active", active).put("expired", expired);
        expected.put("updatedAt", updated == null ? null : updated.toString());
        assertThat(Json.MAPPER.readTree(OutputJson.countsBytes(counts, policy))).isEqualTo(expected);
    }

    @Property(tries = 500)
    void timersReadBackAsTheirFields(@ForAll("anyText") String subscriptionId, @ForAll("anyText") String offerId,
                                     @ForAll boolean withEndDate) throws Exception {
        Instant due = Instant.parse("2027-01-13T23:59:59.999Z");
        Instant fired = Instant.parse("2027-01-14T00:00:00.000000001Z");
        Subscription s = new Subscription(subscriptionId, offerId, "n", 1, SubscriptionStatus.EXPIRED, false, due,
                withEndDate ? LocalDate.parse("2027-01-13") : null, withEndDate ? null : due, "P1Y", "monthly", false);
        HeldSubscription held = new HeldSubscription("e", due, Channel.CSP, "p", s);
        ObjectNode expected = Json.MAPPER.createObjectNode();
        expected.put("timerId", "timer-1");
        expected.put("customerTenantId", "tenant-1");
        expected.put("subscriptionId", subscriptionId);
        expected.put("offerId", offerId);
        expected.put("timerType", "REPURCHASE_DEADLINE");
        expected.put("dueAt", due.toString());
        expected.put("firedAt", fired.toString());
        expected.put("commitmentEndDate", withEndDate ? "2027-01-13" : due.toString());
        expected.put("status", "expired");
        assertThat(Json.MAPPER.readTree(OutputJson.timerBytes("timer-1", "tenant-1", held, TimerType.REPURCHASE_DEADLINE,
                due, fired))).isEqualTo(expected);
    }

    @Example
    void aGrowingBufferKeepsWhatWasWritten() throws Exception {
        String longText = "x".repeat(1000) + "é" + "y".repeat(1000);
        JsonNode node = Json.MAPPER.readTree(new JsonBytes(1).begin().field("a", longText).field("b", 7).end().toBytes());
        assertThat(node.get("a").asText()).isEqualTo(longText);
        assertThat(node.get("b").asInt()).isEqualTo(7);
    }

    @Example
    void theExtremeNumbersAreWrittenWhole() throws Exception {
        JsonNode node = Json.MAPPER.readTree(new JsonBytes(8).begin().field("min", Long.MIN_VALUE).field("max", Long.MAX_VALUE)
                .field("zero", 0).end().toBytes());
        assertThat(node.get("min").asLong()).isEqualTo(Long.MIN_VALUE);
        assertThat(node.get("max").asLong()).isEqualTo(Long.MAX_VALUE);
        assertThat(node.get("zero").asLong()).isZero();
    }

    @Example
    void aLoneSurrogateIsWrittenAsAnEscapeAsBefore() throws Exception {
        // an id of a JSON input may carry one ("\ud800"): the timer it fires must still be writable
        byte[] json = new JsonBytes(16).begin().field("s", "a\ud800b").end().toBytes();
        assertThat(new String(json, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("{\"s\":\"a\\uD800b\"}");
        assertThat(Json.MAPPER.readTree(json).get("s").asText()).isEqualTo("a\ud800b");
    }
}
