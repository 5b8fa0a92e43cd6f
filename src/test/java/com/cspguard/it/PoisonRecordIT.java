package com.cspguard.it;

import com.cspguard.testdata.CatalogOffers;
import com.cspguard.testdata.TransferRequests;
import com.cspguard.topology.facts.FactKeys;
import com.cspguard.topology.config.StoreNames;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.cspguard.testdata.SubscriptionEvents.event;
import static com.cspguard.it.ItRecords.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Records whose outputs or stored state would be too large to write, against a real broker and the
 * real producer: each goes to the dead-letter topic with its reason, leaves no output and no state
 * behind, and the records after it are processed. The producer's max.request.size is set to 64 KiB
 * (the default 1 MiB would need megabyte test records) and the input limits opened up so such
 * records get past validation.
 */
class PoisonRecordIT {
    private static final String APP = "guard-poison";
    private static final int ID_LENGTH = 1_000;
    @RegisterExtension
    static final GuardIntegration IT = GuardIntegration.service(APP).settings(Map.of(
            "kafka.streams.default.producer.max.request.size", "65536",
            "guard.limits.max-record-bytes", "60000"));
    private KafkaTestSupport kafka;
    private GuardInstance guard;

    private static String longId(String prefix, int i) {
        String head = prefix + "-" + i + "-";
        return head + "x".repeat(ID_LENGTH - head.length());
    }

    private static ObjectNode request(String tenant, String transferId, List<String> subscriptionIds, String targetOfferId) {
        return TransferRequests.of(tenant).transferId(transferId).duplicate().lineItems(subscriptionIds)
                .eachLineItem(item -> {
                    item.put("quantity", 1);
                    if (targetOfferId != null) {
                        item.put("targetOfferId", targetOfferId);
                    }
                }).json();
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** The open transfers stored for the tenant: the facts a rolled-back record must not have changed. */
    private int storedOpenTransfers(String tenant) {
        ReadOnlyKeyValueStore<String, byte[]> store = guard.streams().store(
                StoreQueryParameters.fromNameAndType(StoreNames.STATE, QueryableStoreTypes.<String, byte[]>keyValueStore()));
        int n = 0;
        try (var it = store.prefixScan(FactKeys.transfers(tenant), new org.apache.kafka.common.serialization.StringSerializer())) {
            while (it.hasNext()) {
                it.next();
                n++;
            }
        }
        return n;
    }

    private ConsumerRecord<String, String> deadLetterOf(KafkaConsumer<String, String> dlq, String transferId) {
        List<ConsumerRecord<String, String>> read = KafkaTestSupport.readUntil(dlq,
                r -> r.stream().anyMatch(c -> c.value() != null && c.value().contains(transferId)), Duration.ofSeconds(90));
        return read.stream().filter(c -> c.value() != null && c.value().contains(transferId)).findFirst()
                .orElseThrow(() -> new AssertionError("no dead letter for " + transferId));
    }

    /** Waits for the decision of a small, good request sent after the poison: the stream went on. */
    private JsonNode decisionOf(KafkaConsumer<String, String> decisions, String transferId) {
        List<ConsumerRecord<String, String>> read = KafkaTestSupport.readUntil(decisions,
                r -> r.stream().anyMatch(c -> c.value().contains(transferId)), Duration.ofSeconds(90));
        return read.stream().filter(c -> c.value().contains(transferId)).map(c -> json(c.value())).findFirst()
                .orElseThrow(() -> new AssertionError("no decision for " + transferId));
    }

    /**
     * A request naming twelve held subscriptions with 1,000-character ids, each raising five findings:
     * the request is 13 KB, its decision over 100 KB. The guard refuses to send the decision (it checks
     * sizes before forwarding), but the request had already changed the counters and sent alerts, so it
     * is rolled back (exactly-once aborts the transaction and the state is restored) and dead-lettered
     * when read again.
     */
    @Test
    void aRequestWhoseDecisionIsTooLargeIsDeadLetteredAndLeavesNothingBehind() {
        String tenant = UUID.randomUUID().toString();
        kafka.send("offer-catalog", "CFQ7TTC0LH18:0001",
                CatalogOffers.of("CFQ7TTC0LH18:0001").named("M365").discontinued().toString());
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String id = longId("held", i);
            ids.add(id);
            ObjectNode e = event(tenant, id, "disabled", Instant.now());
            e.put("channel", "DIRECT");
            ((ObjectNode) e.get("subscription")).put("commitmentEndDate", "2029-12-31");
            kafka.send("subscription-events", tenant, e.toString());
        }
        String poison = "t-poison-" + UUID.randomUUID();
        try (KafkaConsumer<String, String> dlq = kafka.consumer("transfer-guard-dlq");
             KafkaConsumer<String, String> decisions = kafka.consumer("transfer-decisions");
             KafkaConsumer<String, String> alerts = kafka.consumer("transfer-alerts")) {
            String value = request(tenant, poison, ids, null).toString();
            kafka.send("transfer-requests", tenant, value);
            String good = "t-good-" + UUID.randomUUID();
            kafka.send("transfer-requests", tenant, request(tenant, good, List.of("s-unknown"), null).toString());

            ConsumerRecord<String, String> dead = deadLetterOf(dlq, poison);
            assertThat(dead.key()).isEqualTo(tenant);
            assertThat(dead.value()).isEqualTo(value);
            assertThat(header(dead, "error.reason"))
                    .startsWith("processing failed: OutputTooLargeException: output too large: a record for transfer-decisions would have ")
                    .endsWith("bytes (at most 61440)");
            assertThat(header(dead, "error.topic")).isEqualTo("transfer-requests");

            assertThat(decisionOf(decisions, good).get("revision").asInt()).isEqualTo(1);
            List<ConsumerRecord<String, String>> alertsRead = KafkaTestSupport.readFor(alerts, Duration.ofSeconds(2));
            assertThat(alertsRead).as("alerts sent before the failure were aborted with their transaction")
                    .noneMatch(a -> a.value().contains(poison));
            assertThat(storedOpenTransfers(tenant)).as("the poison request's counter change was rolled back")
                    .isEqualTo(1);
        }
    }

    /**
     * A request naming 25 unknown subscriptions with 1,000-character ids and target offer ids: its
     * decision (50 KB) may be sent, but the open transfer to store (request and evaluation, 100 KB) is
     * over the producer's limit. The changelog send fails with RecordTooLargeException; the production
     * exception handler holds the request and fails the task; the transaction is aborted, the state
     * restored, and the request, read again, is dead-lettered.
     */
    @Test
    void aRequestWhoseStoredStateIsTooLargeToWriteIsDeadLetteredAndTheStreamGoesOn() {
        String tenant = UUID.randomUUID().toString();
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 25; i++) {
            ids.add(longId("unknown", i));
        }
        String poison = "t-poison-" + UUID.randomUUID();
        try (KafkaConsumer<String, String> dlq = kafka.consumer("transfer-guard-dlq");
             KafkaConsumer<String, String> decisions = kafka.consumer("transfer-decisions")) {
            String value = request(tenant, poison, ids, "T".repeat(ID_LENGTH)).toString();
            assertThat(value.length()).isLessThan(60_000);
            kafka.send("transfer-requests", tenant, value);
            String good = "t-good-" + UUID.randomUUID();
            kafka.send("transfer-requests", tenant, request(tenant, good, List.of("s-unknown"), null).toString());

            ConsumerRecord<String, String> dead = deadLetterOf(dlq, poison);
            assertThat(dead.value()).isEqualTo(value);
            // Its stored state is over the limit; which of its writes the producer refuses first (the
            // changelog record, or in one run of 2026-11-26 the decision) is not the point: it is refused.
            assertThat(header(dead, "error.reason")).startsWith("output could not be written to ")
                    .contains("RecordTooLargeException");

            assertThat(decisionOf(decisions, good).get("revision").asInt()).isEqualTo(1);
            List<ConsumerRecord<String, String>> decided = KafkaTestSupport.readFor(decisions, Duration.ofSeconds(2));
            assertThat(decided).as("the decision sent before the failure was aborted with its transaction")
                    .noneMatch(d -> d.value().contains(poison));
            assertThat(storedOpenTransfers(tenant)).isEqualTo(1);
        }
        assertThat(guard.get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    void theHttpDryRunRefusesWhatTheLimitsRefuse() {
        String tenant = UUID.randomUUID().toString();
        List<String> tooMany = new java.util.ArrayList<>();
        for (int i = 0; i <= 500; i++) {
            tooMany.add("s" + i);
        }
        HttpResponse<String> many = guard.post("/transfers/evaluate", request(tenant, "t-1", tooMany, null).toString());
        assertThat(many.statusCode()).isEqualTo(400);
        assertThat(json(many.body()).get("message").asText())
                .isEqualTo("invalid transfer request: too many elements: lineItems has 501 (at most 500)");

        ObjectNode farFuture = request(tenant, "t-2", List.of("s1"), null);
        farFuture.put("requestedAt", "+300000000-01-01T00:00:00Z");
        HttpResponse<String> future = guard.post("/transfers/evaluate", farFuture.toString());
        assertThat(future.statusCode()).isEqualTo(400);
        assertThat(json(future.body()).get("message").asText()).contains("out of range: requestedAt");

        ObjectNode longName = request(tenant, "t-3", List.of("s".repeat(1_025)), null);
        HttpResponse<String> tooLong = guard.post("/transfers/evaluate", longName.toString());
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(json(tooLong.body()).get("message").asText())
                .contains("too long: lineItems[0].subscriptionId has 1025 characters (at most 1024)");
    }
}
