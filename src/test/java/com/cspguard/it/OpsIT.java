package com.cspguard.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static com.cspguard.it.ItRecords.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * GET /tenants, /deadlines and /transfers on two instances: either answers for the tenants of
 * both, and a partner's token sees only the tenants it holds subscriptions of or is the target of
 * an open transfer of.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpsIT {
    @RegisterExtension
    static final GuardIntegration IT = GuardIntegration.service("guard-ops").instances(2)
            .settings(Map.of("guard.ops.view-interval", "300ms", "guard.ops.deadline-interval", "1s")).balanced();
    private final String partnerA = UUID.randomUUID().toString();
    private final String partnerB = UUID.randomUUID().toString();
    private final String partnerC = UUID.randomUUID().toString();
    private final List<String> tenants = new ArrayList<>();
    private final Set<String> ofA = new HashSet<>();
    private String biggest;
    private String expiring;
    private String transferred;
    private KafkaTestSupport kafka;
    private GuardInstance one;
    private GuardInstance two;

    @BeforeAll
    void seed() {
        for (int i = 0; i < 12; i++) {
            String tenant = UUID.randomUUID().toString();
            tenants.add(tenant);
            String partner = i % 2 == 0 ? partnerA : partnerB;
            if (partner.equals(partnerA)) {
                ofA.add(tenant);
            }
            kafka.send("subscription-events", tenant, held(tenant, "s1", partner).toString());
        }
        biggest = tenants.get(0);
        for (int i = 2; i <= 4; i++) {
            kafka.send("subscription-events", biggest, held(biggest, "s" + i, partnerA).toString());
        }
        // tenant 2 (partner A): expired ten days ago, so its grace period ends in 13 days and the repurchase deadline in 20
        expiring = tenants.get(2);
        ObjectNode expired = held(expiring, "old", partnerA);
        // of another offer than its active s1, else s1 would repurchase it and no grace timer would fire
        ((ObjectNode) expired.get("subscription")).put("status", "expired").put("autoRenewEnabled", false)
                .put("offerId", "CFQ7TTC0LF8Q:0001")
                .put("commitmentEndDate", LocalDate.now(ZoneOffset.UTC).minusDays(11).toString());
        kafka.send("subscription-events", expiring, expired.toString());
        // tenant 3 (partner B): an open transfer to partner C
        transferred = tenants.get(3);
        kafka.send("transfer-requests", transferred, transfer(transferred, partnerC).toString());

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (GuardInstance asked : List.of(one, two)) {
                JsonNode answer = ok(asked.get("/tenants?limit=100"));
                assertThat(ids(answer)).containsAll(tenants);
                assertThat(answer.get("items").get(0).get("countedSubscriptions").asInt()).isEqualTo(4);
                assertThat(ids(ok(asked.get("/transfers")))).contains(transferred);
                assertThat(ids(ok(asked.get("/deadlines")))).contains(expiring);
            }
        });
    }

    private static ObjectNode held(String tenant, String subscription, String partner) {
        return ItRecords.held(tenant, subscription, partner);
    }

    private static ObjectNode transfer(String tenant, String target) {
        return ItRecords.transfer(tenant, target, "s1");
    }

    private static JsonNode ok(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as("%s: %s", answer.uri(), answer.body()).isEqualTo(200);
        return json(answer.body());
    }

    private static List<String> ids(JsonNode answer) {
        List<String> out = new ArrayList<>();
        answer.get("items").forEach(i -> out.add(i.get("customerTenantId").asText()));
        return out;
    }

    private static KeyQueryMetadata owner(GuardInstance instance, String tenant) {
        return instance.streams().queryMetadataForKey(com.cspguard.topology.config.StoreNames.STATE, tenant, new StringSerializer());
    }

    @Test
    void eitherInstanceListsTheTenantsOfBothLeastHeadroomFirst() {
        long onOne = tenants.stream().filter(t -> owner(one, t).activeHost().port() == one.port).count();
        assertThat(onOne).as("tenants owned by the first instance").isBetween(1L, 11L);
        for (GuardInstance asked : List.of(one, two)) {
            JsonNode answer = ok(asked.get("/tenants?sort=headroom&limit=50"));
            assertThat(answer.get("instances").asInt()).isEqualTo(2);
            assertThat(answer.get("instancesAnswered").asInt()).isEqualTo(2);
            assertThat(Instant.parse(answer.get("generatedAt").asText())).isBefore(Instant.now().plusSeconds(1));
            JsonNode first = answer.get("items").get(0);
            assertThat(first.get("customerTenantId").asText()).isEqualTo(biggest);
            assertThat(first.get("headroom").asInt()).isEqualTo(146);
            assertThat(first.get("roomToMaximum").asInt()).isEqualTo(296);
            assertThat(first.has("byStatus")).isTrue();
            assertThat(first.has("partners")).as("who else holds the tenant is no business of the caller").isFalse();
            assertThat(ids(ok(asked.get("/tenants?limit=3")))).hasSize(3).startsWith(biggest);
        }
    }

    @Test
    void aPartnerSeesOnlyItsTenantsOnEitherInstance() {
        for (GuardInstance asked : List.of(one, two)) {
            assertThat(ids(ok(asked.get("/tenants", TestTokens.partner(partnerA))))).containsExactlyInAnyOrderElementsOf(ofA);
            assertThat(ids(ok(asked.get("/tenants", TestTokens.partner(partnerC))))).containsExactly(transferred);
            assertThat(ids(ok(asked.get("/transfers", TestTokens.partner(partnerC))))).containsExactly(transferred);
            assertThat(ids(ok(asked.get("/transfers", TestTokens.partner(partnerA))))).isEmpty();
            assertThat(ids(ok(asked.get("/deadlines", TestTokens.partner(partnerA))))).containsExactly(expiring);
            assertThat(ids(ok(asked.get("/deadlines", TestTokens.partner(partnerB))))).isEmpty();
            assertThat(ids(ok(asked.get("/tenants", TestTokens.partner(UUID.randomUUID().toString()))))).isEmpty();
        }
    }

    @Test
    void deadlinesWithinTheDaysAskedOnly() {
        for (GuardInstance asked : List.of(one, two)) {
            JsonNode in14 = ok(asked.get("/deadlines?days=14"));
            assertThat(in14.get("items")).hasSize(1);
            JsonNode grace = in14.get("items").get(0);
            assertThat(grace.get("customerTenantId").asText()).isEqualTo(expiring);
            assertThat(grace.get("timerType").asText()).isEqualTo("GRACE_PERIOD_ENDING");
            assertThat(grace.get("subscriptionId").asText()).isEqualTo("old");
            // its term ended at the end of the day 11 days ago; act by the repurchase deadline 30 days after
            Instant termEnd = LocalDate.now(ZoneOffset.UTC).minusDays(10).atStartOfDay(ZoneOffset.UTC).toInstant();
            assertThat(Instant.parse(grace.get("termEnd").asText())).isEqualTo(termEnd);
            assertThat(Instant.parse(grace.get("actBy").asText())).isEqualTo(termEnd.plus(Duration.ofDays(30)));
            assertThat(ok(asked.get("/deadlines?days=5")).get("items")).isEmpty();
        }
    }

    /**
     * Each instance holds the views of some of the 6 partitions; the answer of either is complete
     * only because it gathered the other's: together they are every partition.
     */
    @Test
    void eitherInstancesAnswerIsCompleteWithTheViewsOfEveryPartition() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (GuardInstance asked : List.of(one, two)) {
                for (String path : List.of("/tenants", "/deadlines", "/transfers")) {
                    JsonNode answer = ok(asked.get(path));
                    assertThat(answer.get("partitions").asInt()).as(path).isEqualTo(6);
                    assertThat(answer.get("partitionsIncluded").toString()).as(path).isEqualTo("[0,1,2,3,4,5]");
                    assertThat(answer.get("complete").asBoolean()).as(path).isTrue();
                }
            }
        });
        int localOnOne = one.bean(com.cspguard.topology.views.OpsViews.class).current().size();
        assertThat(localOnOne).as("views held by the first instance alone").isBetween(1, 5);
    }

    @Test
    void badParametersAre400AndNoTokenIs401() {
        assertThat(one.get("/deadlines?days=15").statusCode()).isEqualTo(400);
        assertThat(one.get("/transfers?decision=MAYBE").statusCode()).isEqualTo(400);
        assertThat(one.get("/tenants?sort=name").statusCode()).isEqualTo(400);
        assertThat(one.get("/tenants?limit=0").statusCode()).isEqualTo(400);
        for (String path : List.of("/tenants", "/deadlines", "/transfers")) {
            assertThat(one.get(path, null).statusCode()).as(path).isEqualTo(401);
        }
        assertThat(ok(one.get("/transfers?decision=BLOCKED")).get("items")).allSatisfy(
                t -> assertThat(t.get("decision").asText()).isEqualTo("BLOCKED"));
    }

    @Test
    void thePageAndItsFilesNeedNoTokenAndTheRootLeadsThere() {
        HttpResponse<String> page = one.get("/ui", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("/ui/app.js");
        assertThat(one.get("/ui/app.js", null).statusCode()).isEqualTo(200);
        assertThat(one.get("/ui/style.css", null).statusCode()).isEqualTo(200);
        HttpResponse<String> root = one.get("/", null);
        assertThat(root.statusCode()).isEqualTo(303);
        assertThat(root.headers().firstValue("Location")).contains("/ui");
    }
}
