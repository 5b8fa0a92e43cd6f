package com.cspguard.wire;

import com.cspguard.domain.SubscriptionEvent;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The streaming fast path of {@link InputParser#subscriptionEvent} gives exactly what the tree path
 * gives: the same event for a good record, the same reasons for a bad one (it leaves those to the
 * tree path). Records are built field by field, each field present, absent, null, of the wrong type,
 * blank, too long, in another case, out of range or given twice, among unknown fields.
 */
class SubscriptionEventStreamProperties {
    private static final InputLimits LIMITS = new InputLimits(65_536, 40, 500);
    private static final String TENANT = "4cfba01c-0000-4000-8000-000000000001";

    /** One top-level or subscription field: its name and the JSON text of its value (null: absent). */
    private record Field(String name, String json) { }

    private static Arbitrary<String> text(String good, boolean enumLike) {
        List<String> choices = new ArrayList<>(List.of(q(good), q(good), q(good), "null", "12", "true", q(""), q("  "),
                q("x".repeat(41)), "{\"a\":1}", "[1]"));
        if (enumLike) {
            choices.addAll(List.of(q(good.toUpperCase()), q(" " + good + " "), q("no-such-value")));
        }
        return Arbitraries.of(choices);
    }

    private static String q(String s) {
        return "\"" + s + "\"";
    }

    private static Arbitrary<Field> field(String name, Arbitrary<String> values) {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, values.map(v -> new Field(name, v))),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Field(name, null))));
    }

    private static Arbitrary<String> instant() {
        return Arbitraries.of(q("2026-11-23T10:15:30Z"), q("2026-11-23T10:15:30.123456Z"), q("2026-11-23T10:15:30Z"),
                q("1969-12-31T23:59:59Z"), q("+300000000-01-01T00:00:00Z"), q("2026-13-01T00:00:00Z"), q("2026-11-23"),
                "null", "1700000000", q(""));
    }

    private static Arbitrary<String> date() {
        return Arbitraries.of(q("2027-01-13"), q("2027-01-13"), q("2027-01-13T00:00:00Z"), q("2027-1-13"), q("10000-01-01"),
                q("1969-12-31"), q("2027-02-30"), "null", q(""), "20270113");
    }

    private static Arbitrary<String> bool() {
        return Arbitraries.of("true", "false", "true", "false", "null", q("true"), "1");
    }

    private static Arbitrary<String> quantity() {
        return Arbitraries.of("15", "0", "15", "-1", "2147483648", "1.5", "1e2", "null", q("15"));
    }

    private static Arbitrary<List<Field>> subscriptionFields() {
        List<Arbitrary<Field>> fields = List.of(
                field("id", text("sub-1", false)),
                field("offerId", text("CFQ7TTC0LH18:0001", false)),
                field("offerName", text("Microsoft 365 Business Basic", false)),
                field("quantity", quantity()),
                field("status", text("active", true)),
                field("autoRenewEnabled", bool()),
                field("effectiveStartDate", instant()),
                field("commitmentEndDate", date()),
                field("commitmentEndDateTime", Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(3, Arbitraries.just("null")), net.jqwik.api.Tuple.of(1, instant()))),
                field("termDuration", text("P1Y", false)),
                field("billingCycle", text("monthly", false)),
                field("isTrial", bool()),
                field("commerceType", Arbitraries.of("null", "null", q("new_commerce"), q("LEGACY"), q("other"), "3")),
                field("productType", Arbitraries.of("null", "{\"id\":\"OnlineServicesNCE\"}", "{\"id\":\"Azure\",\"x\":[1,{}]}",
                        "{\"id\":7}", q("OnlineServicesNCE"), "{}")),
                field("refundableUntil", Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(3, Arbitraries.just("null")), net.jqwik.api.Tuple.of(1, instant()))));
        return Combinators.combine(fields).as(list -> list);
    }

    private static Arbitrary<List<Field>> eventFields() {
        List<Arbitrary<Field>> fields = List.of(
                field("eventId", text("e-1", false)),
                field("occurredAt", instant()),
                field("customerTenantId", Arbitraries.of(q(TENANT), q(TENANT), q(TENANT), q("a|b"), q(""), "null", "5")),
                field("customerCountryCode", text("DE", false)),
                field("channel", text("csp", true)),
                field("partnerTenantId", text("bf8c56ab", false)),
                field("customerName", text("Contoso", false)));
        return Combinators.combine(fields).as(list -> list);
    }

    private static String object(List<Field> fields, List<String> extra) {
        StringBuilder json = new StringBuilder("{");
        for (Field f : fields) {
            if (f.json() != null) {
                json.append(json.length() > 1 ? "," : "").append(q(f.name())).append(':').append(f.json());
            }
        }
        for (String e : extra) {
            json.append(json.length() > 1 ? "," : "").append(e);
        }
        return json.append('}').toString();
    }

    @Provide
    Arbitrary<String[]> records() {
        Arbitrary<List<String>> unknown = Arbitraries.of("\"unknown\":{\"id\":\"x\",\"status\":[1,2]}", "\"note\":null",
                "\"eventId\":\"e-2\"", "\"subscription\":{\"id\":\"other\"}").list().ofMaxSize(2);
        Arbitrary<List<String>> unknownInSubscription = Arbitraries.of("\"extra\":[{\"id\":1}]", "\"status\":\"expired\"",
                "\"quantity\":3").list().ofMaxSize(1);
        Arbitrary<String> subscription = Combinators.combine(subscriptionFields(), unknownInSubscription)
                .as(SubscriptionEventStreamProperties::object);
        Arbitrary<String> value = Combinators.combine(eventFields(), subscription, unknown,
                Arbitraries.of("", "", "", " ", " x", "{}", "\n"))
                .as((fields, sub, extra, tail) -> {
                    List<String> all = new ArrayList<>(extra);
                    all.add(0, "\"subscription\":" + sub);
                    return object(fields, all) + tail;
                });
        Arbitrary<String> key = Arbitraries.of(TENANT, TENANT, TENANT, "other-tenant", "");
        return Combinators.combine(key, value).as((k, v) -> new String[]{k, v});
    }

    @Property(tries = 3000)
    void theFastPathGivesWhatTheTreeGives(@ForAll("records") String[] record) {
        byte[] key = record[0].isEmpty() ? null : record[0].getBytes(StandardCharsets.UTF_8);
        byte[] value = record[1].getBytes(StandardCharsets.UTF_8);
        ParseResult<SubscriptionEvent> tree = InputParser.subscriptionEventFromTree(key, value, LIMITS);
        assertThat(InputParser.subscriptionEvent(key, value, LIMITS)).as(record[1]).isEqualTo(tree);
        SubscriptionEvent fast = SubscriptionEventStream.read(key, value, LIMITS);
        if (fast != null) {
            assertThat(tree).as("the fast path accepted what the tree refuses: " + record[1])
                    .isEqualTo(new ParseResult.Ok<>(fast));
        }
    }

    @Example
    void aContractShapedEventTakesTheFastPath() {
        String value = "{\"eventId\":\"e-1\",\"occurredAt\":\"2026-11-23T10:15:30Z\",\"customerTenantId\":\"" + TENANT
                + "\",\"customerCountryCode\":\"DE\",\"channel\":\"CSP\",\"partnerTenantId\":\"p-1\",\"subscription\":{\"id\":\"s-1\","
                + "\"offerId\":\"CFQ7TTC0LH18:0001\",\"offerName\":\"M365\",\"quantity\":15,\"status\":\"active\","
                + "\"autoRenewEnabled\":true,\"effectiveStartDate\":\"2026-01-14T00:00:00Z\",\"commitmentEndDate\":\"2027-01-13\","
                + "\"termDuration\":\"P1Y\",\"billingCycle\":\"monthly\",\"isTrial\":false,\"productType\":{\"id\":\"OnlineServicesNCE\"}}}";
        byte[] key = TENANT.getBytes(StandardCharsets.UTF_8);
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        SubscriptionEvent fast = SubscriptionEventStream.read(key, bytes, LIMITS);
        assertThat(fast).isNotNull();
        assertThat(new ParseResult.Ok<>(fast)).isEqualTo(InputParser.subscriptionEventFromTree(key, bytes, LIMITS));
    }
}
