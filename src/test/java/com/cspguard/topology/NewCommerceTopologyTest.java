package com.cspguard.topology;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static com.cspguard.topology.Fixtures.TENANT;
import static com.cspguard.topology.Fixtures.event;
import static com.cspguard.topology.Fixtures.request;
import static com.cspguard.topology.Fixtures.sub;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The new-commerce rules through the topics: competing duplications re-evaluated as requests open
 * and close (COMPETING_TRANSFERS, {@code otherOpenDuplications}, {@code competingTransferIds}),
 * PARTNER_TRANSFER, and CANCELLATION_NOT_POSSIBLE.
 */
class NewCommerceTopologyTest {
    private static final Instant T0 = GuardDriver.START;
    private final GuardDriver d = new GuardDriver();

    @AfterEach
    void close() {
        d.close();
    }

    /** {@code count} active subscriptions s0… that end soon (no refund warning) and are still cancellable. */
    private void active(int count) {
        for (int i = 0; i < count; i++) {
            ObjectNode e = event(TENANT, "s" + i, "active", T0);
            sub(e).put("commitmentEndDate", "2026-12-01");
            sub(e).put("autoRenewEnabled", false);
            d.event(e);
        }
    }

    private static String[] ids(int from, int to) {
        String[] ids = new String[to - from];
        for (int i = from; i < to; i++) {
            ids[i - from] = "s" + i;
        }
        return ids;
    }

    /** The decisions emitted since the last call, by transfer id (each transfer at most once). */
    private Map<String, JsonNode> decisionsByTransfer() {
        Map<String, JsonNode> out = new TreeMap<>();
        for (JsonNode n : d.decisions()) {
            assertThat(out.put(n.get("transferId").asText(), n)).as("one decision per transfer and change").isNull();
        }
        return out;
    }

    private static List<String> codes(JsonNode decision) {
        List<String> codes = new ArrayList<>();
        decision.get("findings").forEach(f -> codes.add(f.get("code").asText()));
        return codes;
    }

    private static List<String> competing(JsonNode decision) {
        List<String> ids = new ArrayList<>();
        decision.get("competingTransferIds").forEach(n -> ids.add(n.asText()));
        return ids;
    }

    @Test
    void twoDuplicationsOfAHundredOnTwoHundredCompeteUntilOneIsWithdrawn() {
        active(200);
        d.alerts(); // the tenant crossed 150
        d.request(request(TENANT, "t-1", "DUPLICATE", ids(0, 100)));
        JsonNode first = decisionsByTransfer().get("t-1");
        assertThat(first.get("decision").asText()).isEqualTo("ALLOWED");
        assertThat(first.get("otherOpenDuplications").asInt()).isZero();
        assertThat(competing(first)).isEmpty();

        d.request(request(TENANT, "t-2", "DUPLICATE", ids(100, 200)));
        Map<String, JsonNode> both = decisionsByTransfer();
        assertThat(both).containsOnlyKeys("t-1", "t-2");
        JsonNode t1 = both.get("t-1");
        assertThat(t1.get("revision").asInt()).isEqualTo(2);
        assertThat(t1.get("decision").asText()).isEqualTo("ALLOWED_WITH_WARNINGS");
        assertThat(codes(t1)).containsExactly("COMPETING_TRANSFERS");
        assertThat(t1.get("projectedSubscriptions").asInt()).isEqualTo(300);
        assertThat(t1.get("otherOpenDuplications").asInt()).isEqualTo(100);
        assertThat(competing(t1)).containsExactly("t-2");
        JsonNode t2 = both.get("t-2");
        assertThat(t2.get("revision").asInt()).isEqualTo(1);
        assertThat(codes(t2)).containsExactly("COMPETING_TRANSFERS");
        assertThat(competing(t2)).containsExactly("t-1");
        assertThat(d.alerts()).extracting(a -> a.get("transferId").asText() + " " + a.get("code").asText())
                .containsExactlyInAnyOrder("t-1 COMPETING_TRANSFERS", "t-2 COMPETING_TRANSFERS");

        d.request(request(TENANT, "t-2", "DUPLICATE", ids(100, 200)).put("status", "WITHDRAWN"));
        JsonNode alone = decisionsByTransfer().get("t-1");
        assertThat(alone.get("revision").asInt()).isEqualTo(3);
        assertThat(alone.get("decision").asText()).isEqualTo("ALLOWED");
        assertThat(alone.get("otherOpenDuplications").asInt()).isZero();
        assertThat(competing(alone)).isEmpty();
    }

    @Test
    void threeDuplicationsAllCompeteAndThoseThatFitAgainAreReleased() {
        active(150);
        d.request(request(TENANT, "t-1", "DUPLICATE", ids(0, 50)));
        d.request(request(TENANT, "t-2", "DUPLICATE", ids(50, 100)));
        // 150 + 50 + 50 = 250: the first two fit together
        assertThat(decisionsByTransfer().values()).allSatisfy(n -> assertThat(n.get("decision").asText()).isEqualTo("ALLOWED"));

        d.request(request(TENANT, "t-3", "DUPLICATE", ids(50, 150)));
        Map<String, JsonNode> three = decisionsByTransfer();
        assertThat(three).containsOnlyKeys("t-1", "t-2", "t-3");
        assertThat(three.get("t-3").get("otherOpenDuplications").asInt()).isEqualTo(100);
        assertThat(competing(three.get("t-3"))).containsExactly("t-1", "t-2");
        assertThat(three.get("t-1").get("otherOpenDuplications").asInt()).isEqualTo(150);
        assertThat(competing(three.get("t-1"))).containsExactly("t-2", "t-3");
        assertThat(three.values()).allSatisfy(n -> assertThat(codes(n)).containsExactly("COMPETING_TRANSFERS"));

        d.request(request(TENANT, "t-3", "DUPLICATE", ids(50, 150)).put("status", "COMPLETED"));
        Map<String, JsonNode> released = decisionsByTransfer();
        assertThat(released).containsOnlyKeys("t-1", "t-2");
        assertThat(released.values()).allSatisfy(n -> {
            assertThat(n.get("decision").asText()).isEqualTo("ALLOWED");
            assertThat(n.get("revision").asInt()).isEqualTo(3);
        });
    }

    @Test
    void aCompetingRequestThatExpiresReleasesTheOther() {
        active(200);
        d.request(request(TENANT, "t-1", "DUPLICATE", ids(0, 100)));
        d.request(request(TENANT, "t-2", "DUPLICATE", ids(100, 200)).put("requestedAt", T0.minus(Duration.ofDays(20)).toString()));
        d.decisions();
        d.advance(Duration.ofDays(10).plusSeconds(1)); // t-2 is 30 days old now, t-1 10
        JsonNode t1 = decisionsByTransfer().get("t-1");
        assertThat(t1.get("decision").asText()).isEqualTo("ALLOWED");
        assertThat(competing(t1)).isEmpty();
    }

    @Test
    void aNewRevisionOnlyWhenTheOutcomeChanges() {
        active(10);
        d.request(request(TENANT, "t-1", "DUPLICATE", ids(0, 5)));
        d.decisions();
        // another duplication that fits with it: t-1's outcome is the same, no new revision
        d.request(request(TENANT, "t-2", "DUPLICATE", ids(5, 10)));
        assertThat(decisionsByTransfer()).containsOnlyKeys("t-2");
        // neither does an expiry request, which duplicates nothing
        d.request(request(TENANT, "t-3", "EXPIRE_AND_REPURCHASE", "s0"));
        assertThat(decisionsByTransfer()).containsOnlyKeys("t-3");
    }

    @Test
    void aSubscriptionThatStartsCountingCanMakeRequestsCompete() {
        active(98);
        d.request(request(TENANT, "t-1", "DUPLICATE", ids(0, 98)));
        d.request(request(TENANT, "t-2", "DUPLICATE", ids(0, 98)));
        d.decisions(); // 98 + 98 + 98 = 294
        for (int i = 98; i < 105; i++) {
            d.event(event(TENANT, "s" + i, "active", T0));
        }
        // 105 + 98 + 98 = 301: both compete now, each decided once
        assertThat(decisionsByTransfer()).containsOnlyKeys("t-1", "t-2")
                .allSatisfy((id, n) -> assertThat(codes(n)).containsExactly("COMPETING_TRANSFERS"));
    }

    @Test
    void aPartnerTransferOfNewCommerceByAnAdminAgentDuplicatesNothing() {
        active(30);
        ObjectNode r = request(TENANT, "t-1", "PARTNER_TRANSFER", ids(0, 25));
        ((ObjectNode) r.get("requestedBy")).put("role", "ADMIN_AGENT");
        d.request(r);
        JsonNode decision = decisionsByTransfer().get("t-1");
        assertThat(decision.get("decision").asText()).isEqualTo("ALLOWED");
        assertThat(decision.get("duplicatedSubscriptions").asInt()).isZero();
        assertThat(decision.get("projectedSubscriptions").asInt()).isEqualTo(30);
    }

    @Test
    void aPartnerTransferOfTwentySixMustBeSplitAndASalesAgentMayNotCreateIt() {
        active(26);
        d.request(request(TENANT, "t-1", "PARTNER_TRANSFER", ids(0, 26)));
        JsonNode decision = decisionsByTransfer().get("t-1");
        assertThat(decision.get("decision").asText()).isEqualTo("BLOCKED");
        assertThat(codes(decision)).containsExactly("ROLE_NOT_PERMITTED", "TOO_MANY_LINE_ITEMS");
        assertThat(decision.get("findings").get(1).get("remediation").asText()).contains("2 transfers");
    }

    @Test
    void aLegacySubscriptionCannotMoveByPartnerTransfer() {
        ObjectNode legacy = event(TENANT, "old", "active", T0);
        sub(legacy).put("offerId", "0f4a6e2b-1c3d-4e5f-8a9b-0c1d2e3f4a5b");
        d.event(legacy);
        ObjectNode r = request(TENANT, "t-1", "PARTNER_TRANSFER", "old");
        ((ObjectNode) r.get("requestedBy")).put("role", "ADMIN_AGENT");
        d.request(r);
        assertThat(codes(decisionsByTransfer().get("t-1"))).containsExactly("PARTNER_TRANSFER_NOT_ELIGIBLE");
    }

    @Test
    void duplicatingANewCommerceSourcePastItsWindowWarnsAndARenewalWithANewWindowClearsIt() {
        ObjectNode late = event(TENANT, "s0", "active", T0);
        sub(late).put("commitmentEndDate", "2026-12-01");
        sub(late).put("refundableUntil", T0.minus(Duration.ofDays(1)).toString());
        d.event(late);
        d.request(request(TENANT, "t-1", "DUPLICATE", "s0"));
        JsonNode decision = decisionsByTransfer().get("t-1");
        assertThat(decision.get("decision").asText()).isEqualTo("ALLOWED_WITH_WARNINGS");
        assertThat(codes(decision)).containsExactly("CANCELLATION_NOT_POSSIBLE");
        assertThat(decision.get("findings").get(0).get("remediation").asText()).contains("PARTNER_TRANSFER");

        ObjectNode refundable = event(TENANT, "s0", "active", T0.plusSeconds(60));
        sub(refundable).put("commitmentEndDate", "2026-12-01");
        sub(refundable).put("refundableUntil", T0.plus(Duration.ofDays(1)).toString());
        d.event(refundable);
        JsonNode cleared = decisionsByTransfer().get("t-1");
        assertThat(cleared.get("decision").asText()).isEqualTo("ALLOWED");
        assertThat(cleared.get("revision").asInt()).isEqualTo(2);
    }
}
