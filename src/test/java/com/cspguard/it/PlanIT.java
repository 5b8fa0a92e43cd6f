package com.cspguard.it;

import com.cspguard.testdata.CatalogOffers;
import com.cspguard.testdata.SubscriptionEvents;
import com.cspguard.wire.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static com.cspguard.it.ItRecords.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code POST /transfers/plan} on the running service: the plan is made from the tenant's live
 * state (its subscriptions, counts and the offer catalog as fed through the topics). The tenant
 * maximum is 15 here so that a dozen subscriptions need several batches. The first test's
 * subscriptions are legacy (the guide's rules); the last one moves new-commerce subscriptions and
 * reads the plan back as CSV and iCalendar.
 */
class PlanIT {
    private static final int MAXIMUM = 15;
    @RegisterExtension
    static final GuardIntegration IT = GuardIntegration.service("guard-plan-it")
            .settings(Map.of("guard.policy.tenant-maximum", MAXIMUM, "guard.policy.duplication-threshold", 7));
    private KafkaTestSupport kafka;
    private GuardInstance guard;

    private void subscription(String tenant, String id, String offer, String status, LocalDate end, boolean autoRenew) {
        subscription(tenant, id, offer, status, end, autoRenew, "LEGACY", "p-1");
    }

    private void subscription(String tenant, String id, String offer, String status, LocalDate end, boolean autoRenew,
                              String commerceType, String partner) {
        ObjectNode e = SubscriptionEvents.event(tenant, id, status, Instant.now());
        e.put("partnerTenantId", partner);
        ObjectNode s = (ObjectNode) e.get("subscription");
        s.put("offerId", offer);
        s.put("commitmentEndDate", end.toString());
        s.put("autoRenewEnabled", autoRenew);
        s.put("commerceType", commerceType);
        s.put("effectiveStartDate", end.minusYears(1).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).toString());
        kafka.send("subscription-events", tenant, e.toString());
    }

    private static ObjectNode planBody(String tenant, LocalDate start, LocalDate deadline) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("customerTenantId", tenant);
        body.put("targetPartnerTenantId", "p-2");
        body.put("targetPartnerCountryCode", "DE");
        body.putObject("requestedBy").put("role", "SALES_AGENT");
        body.put("startDate", start.toString());
        body.put("deadline", deadline.toString());
        return body;
    }

    @Test
    void thePlanFollowsTheTenantsLiveState() {
        String tenant = UUID.randomUUID().toString();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate deadline = today.plusDays(90);
        kafka.send("offer-catalog", "OLD:1", CatalogOffers.of("OLD:1").discontinued().toString());
        for (int i = 0; i < 4; i++) {
            subscription(tenant, "soon-" + i, "CFQ7TTC0LH18:0001", "active", today.plusDays(30 + 10 * i), i % 2 == 0);
        }
        for (int i = 0; i < 7; i++) {
            subscription(tenant, "long-" + i, "CFQ7TTC0LH18:0001", "active", today.plusDays(300 + i), true);
        }
        subscription(tenant, "orphan", "OLD:1", "active", today.plusDays(400), true);
        subscription(tenant, "gone", "CFQ7TTC0LH18:0001", "expired", today.minusDays(100), false);
        await().atMost(Duration.ofSeconds(30)).until(() -> guard.get("/tenants/" + tenant).statusCode() == 200
                && json(guard.get("/tenants/" + tenant).body()).get("subscriptions").size() == 13);

        // the catalog reaches the state through its own topic: wait until the planner sees it
        String body = planBody(tenant, today, deadline).toString();
        await().atMost(Duration.ofSeconds(30)).until(() -> json(guard.post("/transfers/plan", body).body())
                .get("blockers").size() == 1);
        HttpResponse<String> answer = guard.post("/transfers/plan", body);
        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode plan = json(answer.body());
        JsonNode live = json(guard.get("/tenants/" + tenant).body());

        int counted = live.get("countedSubscriptions").asInt();
        assertThat(counted).isEqualTo(12);
        assertThat(plan.get("countedSubscriptions").asInt()).isEqualTo(counted);
        assertThat(plan.get("tenantMaximum").asInt()).isEqualTo(MAXIMUM);
        assertThat(plan.get("batchCapacity").asInt()).isEqualTo(MAXIMUM - counted);

        // every counted subscription of the live state is planned or blocked; the expired one is left out
        Map<String, JsonNode> liveById = new HashMap<>();
        live.get("subscriptions").forEach(s -> liveById.put(s.get("id").asText(), s));
        Set<String> covered = new HashSet<>();
        for (JsonNode p : plan.get("subscriptions")) {
            String id = p.get("subscriptionId").asText();
            JsonNode s = liveById.get(id);
            assertThat(covered.add(id)).isTrue();
            assertThat(s.get("status").asText()).isEqualTo("active");
            LocalDate end = LocalDate.parse(s.get("commitmentEndDate").asText());
            assertThat(p.get("termEndDate").asText()).isEqualTo(end.toString());
            assertThat(p.get("quantity").asInt()).isEqualTo(s.get("quantity").asInt());
            if (end.isAfter(deadline)) {
                assertThat(p.get("method").asText()).isEqualTo("DUPLICATE");
                assertThat(p.get("paidDaysLost").asLong()).isEqualTo(
                        java.time.temporal.ChronoUnit.DAYS.between(LocalDate.parse(p.get("cancelSourceOn").asText()), end));
            } else {
                assertThat(p.get("method").asText()).isEqualTo("EXPIRE_AND_REPURCHASE");
                assertThat(p.get("repurchaseTo").asText()).isEqualTo(end.plusDays(30).toString());
                assertThat(p.get("disableAutorenewOn").isNull()).isEqualTo(!s.get("autoRenewEnabled").asBoolean());
            }
        }
        JsonNode blocker = plan.get("blockers").get(0);
        assertThat(blocker.get("code").asText()).isEqualTo("OFFER_DISCONTINUED");
        assertThat(blocker.get("subscriptionIds")).hasSize(1);
        assertThat(blocker.get("subscriptionIds").get(0).asText()).isEqualTo("orphan");
        covered.add("orphan");
        Set<String> countedIds = new HashSet<>();
        liveById.forEach((id, s) -> {
            if (!s.get("status").asText().equals("expired")) {
                countedIds.add(id);
            }
        });
        assertThat(covered).isEqualTo(countedIds);

        // 7 duplicates in batches of at most 3, never above the maximum, the last cancelled on the deadline
        JsonNode totals = plan.get("totals");
        assertThat(totals.get("byMethod").get("DUPLICATE").asInt()).isEqualTo(7);
        assertThat(totals.get("byMethod").get("EXPIRE_AND_REPURCHASE").asInt()).isEqualTo(4);
        assertThat(totals.get("batches").asInt()).isEqualTo(3);
        assertThat(totals.get("peakProjectedCount").asInt()).isEqualTo(MAXIMUM);
        assertThat(totals.get("earliestDataLossDeadline").asText()).isEqualTo(today.plusDays(60).toString());
        ArrayNode steps = (ArrayNode) plan.get("steps");
        String previous = "";
        String lastCancel = null;
        for (JsonNode step : steps) {
            assertThat(step.get("projectedCount").asInt()).isLessThanOrEqualTo(MAXIMUM);
            assertThat(step.get("date").asText()).isGreaterThanOrEqualTo(previous);
            previous = step.get("date").asText();
            if (step.get("type").asText().equals("CANCEL_SOURCE")) {
                lastCancel = step.get("date").asText();
            }
        }
        assertThat(lastCancel).isEqualTo(deadline.toString());

        // the same state and body give the same plan
        assertThat(json(guard.post("/transfers/plan", body).body())).isEqualTo(plan);
    }

    @Test
    void aMalformedBodyIsRejectedNamingEachProblem() {
        HttpResponse<String> answer = guard.post("/transfers/plan",
                "{\"customerTenantId\":\"x\",\"subscriptionIds\":[],\"deadline\":\"soon\"}");
        assertThat(answer.statusCode()).isEqualTo(400);
        String message = json(answer.body()).get("message").asText();
        assertThat(message).contains("missing field: targetPartnerTenantId").contains("missing field: requestedBy")
                .contains("empty field: subscriptionIds").contains("invalid date: deadline 'soon'");
        assertThat(guard.post("/transfers/plan", "nonsense").statusCode()).isEqualTo(400);
    }

    @Test
    void aDeadlineBeforeTheStartIs400AndAnUnknownTenant404() {
        String tenant = UUID.randomUUID().toString();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        subscription(tenant, "s1", "CFQ7TTC0LH18:0001", "active", today.plusDays(300), true);
        await().atMost(Duration.ofSeconds(30)).until(() -> guard.get("/tenants/" + tenant).statusCode() == 200);
        HttpResponse<String> answer = guard.post("/transfers/plan",
                planBody(tenant, today.plusDays(10), today.plusDays(5)).toString());
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(json(answer.body()).get("message").asText()).contains("is before the start date");
        assertThat(guard.post("/transfers/plan", planBody(UUID.randomUUID().toString(), today, today.plusDays(5))
                .toString()).statusCode()).isEqualTo(404);
    }

    /**
     * New commerce partner to partner, with a legacy subscription that expires, one that is
     * duplicated and one the target already holds: the plan as JSON, as CSV (a row per subscription)
     * and as iCalendar (an event per step and per repurchase deadline), each read back.
     */
    @Test
    void thePlanAsCsvAndICalendar() throws Exception {
        String tenant = UUID.randomUUID().toString();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate deadline = today.plusDays(90);
        for (int i = 0; i < 4; i++) {
            subscription(tenant, "nce-" + i, "CFQ7TTC0LH18:0001", "active", today.plusDays(200), true, "NEW_COMMERCE", "p-1");
        }
        subscription(tenant, "exp-0", "CFQ7TTC0LH18:0001", "active", today.plusDays(30), true);
        subscription(tenant, "exp-1", "CFQ7TTC0LH18:0001", "active", today.plusDays(40), false);
        subscription(tenant, "dup-0", "CFQ7TTC0LH18:0001", "active", today.plusDays(300), true);
        subscription(tenant, "theirs", "CFQ7TTC0LH18:0001", "active", today.plusDays(300), true, "NEW_COMMERCE", "p-2");
        await().atMost(Duration.ofSeconds(30)).until(() -> guard.get("/tenants/" + tenant).statusCode() == 200
                && json(guard.get("/tenants/" + tenant).body()).get("subscriptions").size() == 8);
        String body = planBody(tenant, today, deadline).toString();

        JsonNode plan = json(guard.post("/transfers/plan", body).body());
        assertThat(plan.get("totals").get("byMethod").get("PARTNER_TRANSFER").asInt()).isEqualTo(4);
        assertThat(plan.get("totals").get("byMethod").get("EXPIRE_AND_REPURCHASE").asInt()).isEqualTo(2);
        assertThat(plan.get("totals").get("byMethod").get("DUPLICATE").asInt()).isEqualTo(1);
        assertThat(plan.get("alreadyWithTarget")).hasSize(1);
        assertThat(plan.get("alreadyWithTarget").get(0).asText()).isEqualTo("theirs");
        plan.get("steps").forEach(step -> assertThat(step.get("actor").asText())
                .isIn("SOURCE_PARTNER", "TARGET_PARTNER", "CUSTOMER"));

        HttpResponse<String> csv = guard.post("/transfers/plan", body, TestTokens.admin(), "text/csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        List<Map<String, String>> rows;
        try (MappingIterator<Map<String, String>> it = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(csv.body())) {
            rows = it.readAll();
        }
        assertThat(rows).extracting(r -> r.get("subscriptionId"))
                .containsExactly("dup-0", "exp-0", "exp-1", "nce-0", "nce-1", "nce-2", "nce-3", "theirs");
        Map<String, String> methods = new HashMap<>();
        rows.forEach(r -> methods.put(r.get("subscriptionId"), r.get("outcome") + " " + r.get("method")));
        assertThat(methods).containsEntry("dup-0", "PLANNED DUPLICATE").containsEntry("exp-0", "PLANNED EXPIRE_AND_REPURCHASE")
                .containsEntry("nce-2", "PLANNED PARTNER_TRANSFER").containsEntry("theirs", "ALREADY_WITH_TARGET ");
        for (JsonNode p : plan.get("subscriptions")) {
            Map<String, String> row = rows.stream().filter(r -> r.get("subscriptionId").equals(p.get("subscriptionId").asText()))
                    .findFirst().orElseThrow();
            assertThat(row.get("termEndDate")).isEqualTo(p.get("termEndDate").asText());
            assertThat(row.get("reason")).isEqualTo(p.get("reason").asText());
        }

        HttpResponse<String> ics = guard.post("/transfers/plan", body, TestTokens.admin(), "text/calendar");
        assertThat(ics.statusCode()).isEqualTo(200);
        assertThat(ics.headers().firstValue("Content-Type").orElse("")).startsWith("text/calendar");
        Calendar calendar = new CalendarBuilder().build(new StringReader(ics.body()));
        List<VEvent> events = calendar.getComponents("VEVENT");
        int repurchases = 0;
        for (JsonNode step : plan.get("steps")) {
            String type = step.get("type").asText();
            repurchases += type.equals("REPURCHASE") ? 1 : 0;
            String start = step.get("date").asText().replace("-", "");
            assertThat(events).as(type + " on " + start).anySatisfy(e -> {
                assertThat(e.getProperty(Property.CATEGORIES).orElseThrow().getValue()).isEqualTo(type);
                assertThat(e.getProperty(Property.DTSTART).orElseThrow().getValue()).isEqualTo(start);
            });
        }
        assertThat(repurchases).isEqualTo(2);
        assertThat(events).hasSize(plan.get("steps").size() + repurchases);
        assertThat(events.stream().filter(e -> e.getProperty(Property.CATEGORIES).orElseThrow().getValue()
                .equals("REPURCHASE_DEADLINE")).map(e -> e.getProperty(Property.DTSTART).orElseThrow().getValue()))
                .containsExactlyInAnyOrder(today.plusDays(60).toString().replace("-", ""),
                        today.plusDays(70).toString().replace("-", ""));

        // anything else, or no preference, is JSON; errors stay JSON whatever was asked
        assertThat(json(guard.post("/transfers/plan", body, TestTokens.admin(), "*/*").body())).isEqualTo(plan);
        HttpResponse<String> bad = guard.post("/transfers/plan", "{}", TestTokens.admin(), "text/csv");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad.body()).get("message").asText()).contains("missing field");
    }
}
