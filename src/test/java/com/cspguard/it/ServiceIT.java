package com.cspguard.it;

import com.cspguard.testdata.TransferRequests;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static com.cspguard.it.ItRecords.json;
import static com.cspguard.testdata.SubscriptionEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The running service against a real broker, driven only through its topics and HTTP API. */
class ServiceIT {
    @RegisterExtension
    static final GuardIntegration IT = GuardIntegration.service("guard-it");
    private KafkaTestSupport kafka;
    private GuardInstance guard;

    @Test
    void countsArePublishedAndServed() {
        String tenant = UUID.randomUUID().toString();
        try (KafkaConsumer<String, String> counts = kafka.consumer("tenant-subscription-counts")) {
            kafka.send("subscription-events", tenant, event(tenant, "s1", "active", Instant.now()).toString());
            kafka.send("subscription-events", tenant, event(tenant, "s2", "suspended", Instant.now()).toString());
            // the two changes may come as one record (counts are coalesced per commit interval): wait for the latest values
            List<ConsumerRecord<String, String>> read = KafkaTestSupport.readUntil(counts,
                    r -> r.stream().filter(c -> c.key().equals(tenant)).reduce((a, b) -> b)
                            .map(c -> json(c.value()).get("countedSubscriptions").asInt() == 2).orElse(false),
                    Duration.ofSeconds(30));
            JsonNode last = json(read.stream().filter(c -> c.key().equals(tenant)).reduce((a, b) -> b).orElseThrow().value());
            assertThat(last.get("countedSubscriptions").asInt()).isEqualTo(2);
            assertThat(last.get("byStatus").get("suspended").asInt()).isEqualTo(1);
        }
        HttpResponse<String> answer = guard.get("/tenants/" + tenant);
        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode body = json(answer.body());
        assertThat(body.get("customerTenantId").asText()).isEqualTo(tenant);
        assertThat(body.get("countedSubscriptions").asInt()).isEqualTo(2);
        assertThat(body.get("headroom").asInt()).isEqualTo(148);
        assertThat(body.get("subscriptions")).hasSize(2);
        JsonNode s1 = body.get("subscriptions").get(0);
        assertThat(s1.get("id").asText()).isEqualTo("s1");
        assertThat(s1.get("offerId").asText()).isEqualTo("CFQ7TTC0LH18:0001");
        assertThat(s1.get("status").asText()).isEqualTo("active");
        assertThat(s1.get("quantity").asInt()).isEqualTo(10);
        assertThat(s1.get("autoRenewEnabled").asBoolean()).isTrue();
        assertThat(s1.get("commitmentEndDate").asText()).isEqualTo("2027-06-30");
        assertThat(s1.get("channel").asText()).isEqualTo("CSP");
        assertThat(s1.has("partnerTenantId")).isTrue();
    }

    @Test
    void unknownTenantIs404() {
        assertThat(guard.get("/tenants/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
    }

    @Test
    void badRecordGoesToTheDeadLetterTopicAndTheStreamGoesOn() {
        String tenant = UUID.randomUUID().toString();
        try (KafkaConsumer<String, String> dlq = kafka.consumer("transfer-guard-dlq")) {
            kafka.send("subscription-events", tenant, "{\"eventId\":\"x\"");
            kafka.send("subscription-events", tenant, event(tenant, "s1", "active", Instant.now()).toString());
            List<ConsumerRecord<String, String>> read = KafkaTestSupport.readUntil(dlq,
                    r -> r.stream().anyMatch(c -> tenant.equals(c.key())), Duration.ofSeconds(30));
            ConsumerRecord<String, String> bad = read.stream().filter(c -> tenant.equals(c.key())).findFirst().orElseThrow();
            assertThat(bad.value()).isEqualTo("{\"eventId\":\"x\"");
            assertThat(new String(bad.headers().lastHeader("error.reason").value(), StandardCharsets.UTF_8))
                    .startsWith("invalid JSON");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> guard.get("/tenants/" + tenant).statusCode() == 200);
    }

    @Test
    void healthIsUpWhileRunning() {
        HttpResponse<String> health = guard.get("/health");
        assertThat(health.statusCode()).isEqualTo(200);
        JsonNode body = json(health.body());
        assertThat(body.get("status").asText()).isEqualTo("UP");
        assertThat(body.get("details").get("kafkaStreams").get("details").get("state").asText()).isEqualTo("RUNNING");
    }

    @Test
    void prometheusExposesStreamsAndGuardMetrics() {
        String tenant = UUID.randomUUID().toString();
        kafka.send("subscription-events", tenant, "not json");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HttpResponse<String> metrics = guard.get("/prometheus");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("kafka_stream").contains("guard_dead_letters_total")
                    .contains("guard_store_writes");
        });
    }

    @Test
    void evaluateAnswersWithoutChangingState() {
        String tenant = UUID.randomUUID().toString();
        kafka.send("subscription-events", tenant, event(tenant, "s1", "active", Instant.now()).toString());
        await().atMost(Duration.ofSeconds(30)).until(() -> guard.get("/tenants/" + tenant).statusCode() == 200);
        ObjectNode request = TransferRequests.of(tenant).transferId("t-http").to("p2", "FR").lineItems("s1").json();
        HttpResponse<String> answer = guard.post("/transfers/evaluate", request.toString());
        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode decision = json(answer.body());
        assertThat(decision.get("decision").asText()).isEqualTo("BLOCKED");
        assertThat(decision.get("countedSubscriptions").asInt()).isEqualTo(1);
        List<String> codes = decision.get("findings").findValuesAsText("code");
        assertThat(codes).containsExactlyInAnyOrder("REGION_MISMATCH", "AUTORENEW_ENABLED");
        // a dry run: no decision was emitted and the transfer is not open
        try (KafkaConsumer<String, String> decisions = kafka.consumer("transfer-decisions")) {
            assertThat(KafkaTestSupport.readFor(decisions, Duration.ofSeconds(2)))
                    .noneMatch(r -> tenant.equals(r.key()));
        }
    }

    @Test
    void evaluateRejectsAMalformedBodyNamingEachProblem() {
        HttpResponse<String> answer = guard.post("/transfers/evaluate",
                "{\"transferId\":\"t\",\"customerTenantId\":\"x\",\"method\":\"TELEPORT\",\"lineItems\":[]}");
        assertThat(answer.statusCode()).isEqualTo(400);
        JsonNode body = json(answer.body());
        String message = body.get("message").asText();
        assertThat(message).contains("missing field: requestedAt").contains("unknown value: method")
                .contains("missing field: targetPartnerTenantId").contains("lineItems");
        assertThat(guard.post("/transfers/evaluate", "nonsense").statusCode()).isEqualTo(400);
    }

    @Test
    void transferRequestGetsADecisionAndAlerts() {
        String tenant = UUID.randomUUID().toString();
        kafka.send("subscription-events", tenant, event(tenant, "s1", "active", Instant.now()).toString());
        ObjectNode request = TransferRequests.of(tenant).transferId("t-1").to("p2").lineItems("s1").json();
        try (KafkaConsumer<String, String> decisions = kafka.consumer("transfer-decisions");
             KafkaConsumer<String, String> alerts = kafka.consumer("transfer-alerts")) {
            kafka.send("transfer-requests", tenant, request.toString());
            JsonNode decision = json(KafkaTestSupport.readUntil(decisions,
                    r -> r.stream().anyMatch(c -> tenant.equals(c.key())), Duration.ofSeconds(30))
                    .stream().filter(c -> tenant.equals(c.key())).findFirst().orElseThrow().value());
            assertThat(decision.get("decision").asText()).isEqualTo("BLOCKED");
            assertThat(decision.get("revision").asInt()).isEqualTo(1);
            JsonNode alert = json(KafkaTestSupport.readUntil(alerts,
                    r -> r.stream().anyMatch(c -> tenant.equals(c.key())), Duration.ofSeconds(30))
                    .stream().filter(c -> tenant.equals(c.key())).findFirst().orElseThrow().value());
            assertThat(alert.get("code").asText()).isEqualTo("AUTORENEW_ENABLED");
        }
    }

    @Test
    void timersOfATenantAreListedSoonestFirst() {
        String tenant = UUID.randomUUID().toString();
        ObjectNode later = event(tenant, "later", "active", Instant.now());
        ObjectNode sooner = event(tenant, "sooner", "active", Instant.now());
        ((ObjectNode) sooner.get("subscription")).put("commitmentEndDate", "2027-03-31");
        kafka.send("subscription-events", tenant, later.toString());
        kafka.send("subscription-events", tenant, sooner.toString());
        await().atMost(Duration.ofSeconds(30)).until(() -> guard.get("/tenants/" + tenant).statusCode() == 200
                && json(guard.get("/tenants/" + tenant).body()).get("subscriptions").size() == 2);
        JsonNode timers = json(guard.get("/tenants/" + tenant + "/timers").body());
        assertThat(timers).hasSize(8);
        assertThat(timers.get(0).get("subscriptionId").asText()).isEqualTo("sooner");
        assertThat(timers.get(0).get("timerType").asText()).isEqualTo("TERM_ENDING");
        assertThat(timers.get(0).get("dueAt").asText()).isEqualTo("2027-03-25T00:00:00Z");
        assertThat(timers.get(0).get("timerId").asText()).isNotBlank();
        for (int i = 1; i < timers.size(); i++) {
            assertThat(Instant.parse(timers.get(i).get("dueAt").asText()))
                    .isAfterOrEqualTo(Instant.parse(timers.get(i - 1).get("dueAt").asText()));
        }
    }
}
