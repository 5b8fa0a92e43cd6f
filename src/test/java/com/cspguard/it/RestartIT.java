package com.cspguard.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.cspguard.testdata.SubscriptionEvents.event;
import static com.cspguard.it.ItRecords.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Stop and start the service: state is intact and no timer fires twice. */
class RestartIT {
    @RegisterExtension
    final GuardIntegration it = GuardIntegration.broker();
    private KafkaTestSupport kafka;
    private GuardInstance guard;

    /** Another instance on the same state folder: a restart when the one before is stopped. */
    private GuardInstance start() {
        return it.start("state", "guard-restart", Map.of());
    }

    @Test
    void stateSurvivesARestart() {
        String tenant = UUID.randomUUID().toString();
        guard = start();
        kafka.send("subscription-events", tenant, event(tenant, "s1", "active", Instant.now()).toString());
        kafka.send("subscription-events", tenant, event(tenant, "s2", "active", Instant.now()).toString());
        await().atMost(Duration.ofSeconds(30)).until(() -> guard.get("/tenants/" + tenant).statusCode() == 200
                && json(guard.get("/tenants/" + tenant).body()).get("countedSubscriptions").asInt() == 2);
        guard.stop();

        guard = start();
        JsonNode after = json(guard.get("/tenants/" + tenant).body());
        assertThat(after.get("countedSubscriptions").asInt()).isEqualTo(2);
        kafka.send("subscription-events", tenant, event(tenant, "s3", "active", Instant.now()).toString());
        await().atMost(Duration.ofSeconds(30)).until(() ->
                json(guard.get("/tenants/" + tenant).body()).get("countedSubscriptions").asInt() == 3);
    }

    @Test
    void stateSurvivesLosingTheLocalStateFolder() {
        String tenant = UUID.randomUUID().toString();
        guard = start();
        kafka.send("subscription-events", tenant, event(tenant, "s1", "active", Instant.now()).toString());
        await().atMost(Duration.ofSeconds(30)).until(() -> guard.get("/tenants/" + tenant).statusCode() == 200);
        guard.stop();
        KafkaTestSupport.deleteQuietly(kafka.dir.resolve("state"));
        guard = start(); // restores from the changelog topics
        assertThat(json(guard.get("/tenants/" + tenant).body()).get("countedSubscriptions").asInt()).isEqualTo(1);
    }

    @Test
    void aTimerDueSoonFiresOnceAndNotAgainAfterARestart() {
        String tenant = UUID.randomUUID().toString();
        guard = start();
        // TERM_ENDED falls due 3 seconds from now; the subscription keeps autorenew on, so only it fires soon.
        Instant end = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.MILLIS);
        ObjectNode e = event(tenant, "s1", "active", Instant.now());
        ((ObjectNode) e.get("subscription")).put("commitmentEndDateTime", end.toString());
        try (KafkaConsumer<String, String> timers = kafka.consumer("expiry-timers")) {
            kafka.send("subscription-events", tenant, e.toString());
            List<ConsumerRecord<String, String>> fired = KafkaTestSupport.readUntil(timers,
                    r -> r.stream().anyMatch(c -> c.value().contains("TERM_ENDED")), Duration.ofSeconds(30));
            JsonNode timer = json(fired.stream().filter(c -> c.value().contains("TERM_ENDED")).findFirst().orElseThrow().value());
            assertThat(timer.get("customerTenantId").asText()).isEqualTo(tenant);
            assertThat(Instant.parse(timer.get("dueAt").asText())).isEqualTo(end);
            Instant firedAt = Instant.parse(timer.get("firedAt").asText());
            assertThat(firedAt).isAfterOrEqualTo(end).isBefore(end.plusSeconds(5));

            guard.stop();
            guard = start();
            List<ConsumerRecord<String, String>> more = KafkaTestSupport.readFor(timers, Duration.ofSeconds(4));
            assertThat(more).noneMatch(c -> c.value().contains("TERM_ENDED") && tenant.equals(c.key()));
        }
    }
}
