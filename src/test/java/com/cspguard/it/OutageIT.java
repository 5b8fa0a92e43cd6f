package com.cspguard.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.cspguard.testdata.SubscriptionEvents.event;
import static com.cspguard.it.ItRecords.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code /health} follows whether the stream can make progress, and the stream survives a broker restart. */
class OutageIT {
    @RegisterExtension
    final GuardIntegration it = GuardIntegration.broker().restartableBroker();
    private KafkaTestSupport kafka;
    private GuardInstance guard;

    @AfterEach
    void stop() {
        FailingMetrics.FAILURES_LEFT.set(0);
    }

    private GuardInstance start(Map<String, Object> extra) {
        return it.start("state", "guard-outage", extra);
    }

    private JsonNode health() {
        HttpResponse<String> answer = guard.get("/health");
        JsonNode body = json(answer.body());
        assertThat(answer.statusCode()).isEqualTo(body.get("status").asText().equals("UP") ? 200 : 503);
        return body;
    }

    private static String status(JsonNode health) {
        return health.get("status").asText();
    }

    private static String reason(JsonNode health) {
        return health.path("details").path("kafkaStreams").path("details").path("reason").asText("");
    }

    /** Waits for the tenant's latest counts record to show {@code counted}. */
    private void awaitCounted(KafkaConsumer<String, String> counts, String tenant, int counted) {
        List<ConsumerRecord<String, String>> read = KafkaTestSupport.readUntil(counts, r -> r.stream()
                .filter(c -> tenant.equals(c.key()))
                .reduce((a, b) -> b)
                .map(c -> json(c.value()).get("countedSubscriptions").asInt() == counted)
                .orElse(false), Duration.ofSeconds(60));
        JsonNode last = json(read.stream().filter(c -> tenant.equals(c.key())).reduce((a, b) -> b).orElseThrow().value());
        assertThat(last.get("countedSubscriptions").asInt()).isEqualTo(counted);
    }

    @Test
    void healthIsDownWhileTheBrokerIsAwayAndTheStreamResumesWithoutHelpWhenItReturns() {
        String tenant = UUID.randomUUID().toString();
        guard = start(Map.of("guard.health.broker-timeout", "3s"));
        assertThat(status(health())).isEqualTo("UP");
        try (KafkaConsumer<String, String> counts = kafka.consumer("tenant-subscription-counts")) {
            kafka.send("subscription-events", tenant, event(tenant, "s1", "active", Instant.now()).toString());
            awaitCounted(counts, tenant, 1);
        }

        kafka.broker.close();
        await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> status(health()).equals("DOWN"));
        assertThat(reason(health())).contains("Kafka cluster has not answered");
        // without a token the answer has no details but the same code, which load balancers read
        await().atMost(Duration.ofSeconds(10)).until(() -> guard.get("/health", null).statusCode() == 503);

        kafka.broker.start();
        await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> status(health()).equals("UP"));
        try (KafkaConsumer<String, String> counts = kafka.consumer("tenant-subscription-counts")) {
            kafka.send("subscription-events", tenant, event(tenant, "s2", "active", Instant.now()).toString());
            awaitCounted(counts, tenant, 2);
        }
    }

    @Test
    void healthIsDownWhileAStreamThreadKeepsFailingOnTheSameRecordAndUpOnceItGetsPast() {
        String tenant = UUID.randomUUID().toString();
        guard = start(Map.of("guard.test.failing-metrics", "true", "guard.health.failure-window", "15s"));
        assertThat(status(health())).isEqualTo("UP");

        // The injected Error also reaches the JVM's uncaught-exception handler after Kafka Streams
        // replaced the thread; the waits below must not take it for a failure of the test.
        FailingMetrics.FAILURES_LEFT.set(1_000_000);
        kafka.send("subscription-events", tenant, "not json");
        await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> status(health()).equals("DOWN"));
        // The thread is replaced and fails on the same record again: still DOWN a while later, though
        // a replacement thread may well be RUNNING in between.
        await().dontCatchUncaughtExceptions().pollDelay(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).until(() -> true);
        JsonNode stuck = health();
        assertThat(status(stuck)).isEqualTo("DOWN");
        assertThat(stuck.path("details").path("kafkaStreams").path("details").path("threadFailures").asInt())
                .isGreaterThanOrEqualTo(1);

        FailingMetrics.FAILURES_LEFT.set(0);
        try (KafkaConsumer<String, String> counts = kafka.consumer("tenant-subscription-counts")) {
            kafka.send("subscription-events", tenant, event(tenant, "s1", "active", Instant.now()).toString());
            awaitCounted(counts, tenant, 1);
        }
        // Repeated deaths are a loop: UP once a failure window (15 s) has passed without another.
        await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> status(health()).equals("UP"));
    }

    @Test
    void afterASingleThreadDeathHealthIsUpAgainOnceAThreadCommits() {
        String tenant = UUID.randomUUID().toString();
        guard = start(Map.of("guard.test.failing-metrics", "true", "guard.health.failure-window", "10m"));
        assertThat(status(health())).isEqualTo("UP");

        FailingMetrics.FAILURES_LEFT.set(1);
        try (KafkaConsumer<String, String> counts = kafka.consumer("tenant-subscription-counts")) {
            kafka.send("subscription-events", tenant, "not json");
            kafka.send("subscription-events", tenant, event(tenant, "s1", "active", Instant.now()).toString());
            awaitCounted(counts, tenant, 1);
        }
        // Far within the 10 minute window: UP because the replacement thread committed.
        await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> status(health()).equals("UP"));
        assertThat(health().path("details").path("kafkaStreams").path("details").path("threadFailures").asInt())
                .isEqualTo(1);
    }
}
