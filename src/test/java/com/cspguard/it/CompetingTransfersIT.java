package com.cspguard.it;

import com.cspguard.testdata.TransferRequests;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.cspguard.testdata.SubscriptionEvents.event;
import static com.cspguard.it.ItRecords.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The decision fields {@code otherOpenDuplications} and {@code competingTransferIds} on the running
 * service (a real broker, the tenant maximum set to 6): two DUPLICATE requests that fit alone but not
 * together both get COMPETING_TRANSFERS, each naming the other; withdrawing one releases the other;
 * {@code POST /transfers/evaluate} answers with the same fields.
 */
class CompetingTransfersIT {
    @RegisterExtension
    static final GuardIntegration IT = GuardIntegration.service("guard-competing")
            .settings(Map.of("guard.policy.tenant-maximum", "6", "guard.policy.duplication-threshold", "3"));
    private KafkaTestSupport kafka;
    private GuardInstance guard;

    private static ObjectNode duplicate(String tenant, String transferId, String... subscriptionIds) {
        return TransferRequests.of(tenant).transferId(transferId).duplicate().to("p2").lineItems(subscriptionIds).json();
    }

    private static List<JsonNode> decisionsOf(List<ConsumerRecord<String, String>> records, String tenant) {
        List<JsonNode> out = new ArrayList<>();
        records.stream().filter(c -> tenant.equals(c.key())).forEach(c -> out.add(json(c.value())));
        return out;
    }

    private static List<String> competing(JsonNode decision) {
        List<String> ids = new ArrayList<>();
        decision.get("competingTransferIds").forEach(n -> ids.add(n.asText()));
        return ids;
    }

    @Test
    void competingDuplicationsNameEachOtherUntilOneIsWithdrawn() {
        String tenant = UUID.randomUUID().toString();
        for (String id : List.of("s1", "s2")) {
            ObjectNode e = event(tenant, id, "active", Instant.now());
            e.with("subscription").put("refundableUntil", Instant.now().plus(Duration.ofDays(3)).toString());
            e.with("subscription").put("commitmentEndDate", java.time.LocalDate.now().plusDays(10).toString());
            kafka.send("subscription-events", tenant, e.toString());
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> guard.get("/tenants/" + tenant).statusCode() == 200
                && json(guard.get("/tenants/" + tenant).body()).get("countedSubscriptions").asInt() == 2);
        try (KafkaConsumer<String, String> decisions = kafka.consumer("transfer-decisions")) {
            kafka.send("transfer-requests", tenant, duplicate(tenant, "t-a", "s1", "s2").toString());
            kafka.send("transfer-requests", tenant, duplicate(tenant, "t-b", "s1", "s2").toString());
            // t-a alone (2 + 2 = 4), then t-b and t-a again: 2 + 2 + 2 = 6 fits the maximum of 6: no warning yet
            List<JsonNode> first = decisionsOf(KafkaTestSupport.readUntil(decisions,
                    r -> decisionsOf(r, tenant).size() >= 2, Duration.ofSeconds(30)), tenant);
            JsonNode tb = first.stream().filter(n -> n.get("transferId").asText().equals("t-b")).findFirst().orElseThrow();
            assertThat(tb.get("decision").asText()).isEqualTo("ALLOWED");
            assertThat(tb.get("otherOpenDuplications").asInt()).isEqualTo(2);
            assertThat(competing(tb)).containsExactly("t-a");

            // a third subscription counts: 3 + 2 + 2 = 7 > 6, both compete now
            ObjectNode third = event(tenant, "s3", "active", Instant.now());
            kafka.send("subscription-events", tenant, third.toString());
            List<JsonNode> compete = decisionsOf(KafkaTestSupport.readUntil(decisions,
                    r -> decisionsOf(r, tenant).size() >= 2, Duration.ofSeconds(30)), tenant);
            assertThat(compete).extracting(n -> n.get("transferId").asText()).containsExactlyInAnyOrder("t-a", "t-b");
            assertThat(compete).allSatisfy(n -> {
                assertThat(n.get("decision").asText()).isEqualTo("ALLOWED_WITH_WARNINGS");
                assertThat(n.get("findings").findValuesAsText("code")).containsExactly("COMPETING_TRANSFERS");
                assertThat(n.get("otherOpenDuplications").asInt()).isEqualTo(2);
                assertThat(n.get("revision").asInt()).isEqualTo(2);
            });
            assertThat(compete).filteredOn(n -> n.get("transferId").asText().equals("t-a"))
                    .allSatisfy(n -> assertThat(competing(n)).containsExactly("t-b"));

            // the dry run of a third request sees both open ones
            HttpResponse<String> answer = guard.post("/transfers/evaluate", duplicate(tenant, "t-c", "s3").toString());
            assertThat(answer.statusCode()).isEqualTo(200);
            JsonNode dry = json(answer.body());
            assertThat(dry.get("otherOpenDuplications").asInt()).isEqualTo(4);
            assertThat(competing(dry)).containsExactly("t-a", "t-b");
            assertThat(dry.get("findings").findValuesAsText("code")).contains("COMPETING_TRANSFERS");

            kafka.send("transfer-requests", tenant, duplicate(tenant, "t-b", "s1", "s2").put("status", "WITHDRAWN").toString());
            JsonNode released = decisionsOf(KafkaTestSupport.readUntil(decisions,
                    r -> !decisionsOf(r, tenant).isEmpty(), Duration.ofSeconds(30)), tenant).get(0);
            assertThat(released.get("transferId").asText()).isEqualTo("t-a");
            assertThat(released.get("decision").asText()).isEqualTo("ALLOWED");
            assertThat(released.get("otherOpenDuplications").asInt()).isZero();
            assertThat(competing(released)).isEmpty();
        }
    }
}
