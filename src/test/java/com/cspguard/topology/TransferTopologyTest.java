package com.cspguard.topology;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static com.cspguard.topology.Fixtures.TENANT;
import static com.cspguard.topology.Fixtures.event;
import static com.cspguard.topology.Fixtures.request;
import static com.cspguard.topology.Fixtures.sub;
import static org.assertj.core.api.Assertions.assertThat;

/** Each alert code through the topics: where it fires, and a near case where it must not. */
class TransferTopologyTest {
    private final GuardDriver d = new GuardDriver();
    private static final Instant T0 = GuardDriver.START;

    @AfterEach
    void close() {
        d.close();
    }

    private void active(int count) {
        for (int i = 0; i < count; i++) {
            d.event(event(TENANT, "s" + i, "active", T0));
        }
    }

    private String[] ids(int count) {
        String[] ids = new String[count];
        for (int i = 0; i < count; i++) {
            ids[i] = "s" + i;
        }
        return ids;
    }

    private JsonNode onlyDecision() {
        List<JsonNode> decisions = d.decisions();
        assertThat(decisions).hasSize(1);
        return decisions.get(0);
    }

    private static List<String> codes(JsonNode decision) {
        List<String> codes = new ArrayList<>();
        decision.get("findings").forEach(f -> codes.add(f.get("code").asText()));
        return codes;
    }

    /** Subscriptions that end soon, so that no refund warning gets in the way. */
    private void activeEndingSoon(int count, boolean autoRenew) {
        for (int i = 0; i < count; i++) {
            ObjectNode e = event(TENANT, "s" + i, "active", T0);
            sub(e).put("commitmentEndDate", "2026-12-01");
            sub(e).put("autoRenewEnabled", autoRenew);
            d.event(e);
        }
    }

    @Test
    void allowedRequestGetsRevisionOneWithAllFields() {
        activeEndingSoon(2, true);
        d.request(request(TENANT, "t-1", "DUPLICATE", "s0", "s1"));
        JsonNode decision = onlyDecision();
        assertThat(decision.get("transferId").asText()).isEqualTo("t-1");
        assertThat(decision.get("customerTenantId").asText()).isEqualTo(TENANT);
        assertThat(decision.get("revision").asInt()).isEqualTo(1);
        assertThat(decision.get("decision").asText()).isEqualTo("ALLOWED");
        assertThat(decision.get("countedSubscriptions").asInt()).isEqualTo(2);
        assertThat(decision.get("duplicatedSubscriptions").asInt()).isEqualTo(2);
        assertThat(decision.get("projectedSubscriptions").asInt()).isEqualTo(4);
        assertThat(decision.get("tenantMaximum").asInt()).isEqualTo(300);
        assertThat(decision.get("duplicationThreshold").asInt()).isEqualTo(150);
        assertThat(decision.get("evaluatedAt").asText()).isEqualTo(T0.toString());
        assertThat(decision.get("findings")).isEmpty();
        assertThat(d.alerts()).isEmpty();
    }

    @Test
    void tenantLimit150Plus150IsAllowed151Plus150Blocked() {
        activeEndingSoon(150, false);
        d.request(request(TENANT, "t-ok", "DUPLICATE", ids(150)));
        assertThat(onlyDecision().get("decision").asText()).isEqualTo("ALLOWED");

        ObjectNode extra = event(TENANT, "s150", "active", T0);
        sub(extra).put("commitmentEndDate", "2026-12-01");
        d.event(extra);
        d.request(request(TENANT, "t-blocked", "DUPLICATE", ids(150)));
        List<JsonNode> decisions = d.decisions();
        JsonNode blocked = decisions.get(decisions.size() - 1);
        assertThat(blocked.get("transferId").asText()).isEqualTo("t-blocked");
        assertThat(blocked.get("decision").asText()).isEqualTo("BLOCKED");
        assertThat(blocked.get("projectedSubscriptions").asInt()).isEqualTo(301);
        assertThat(codes(blocked)).containsExactly("TENANT_LIMIT_EXCEEDED");
        JsonNode finding = blocked.get("findings").get(0);
        assertThat(finding.get("severity").asText()).isEqualTo("BLOCKING");
        assertThat(finding.get("remediation").asText()).contains("autorenew").contains("30-day grace period");
    }

    @Test
    void expireAndRepurchaseNeverHitsTheTenantLimit() {
        activeEndingSoon(200, false);
        d.request(request(TENANT, "t-1", "EXPIRE_AND_REPURCHASE", ids(200)));
        JsonNode decision = d.decisions().get(0);
        assertThat(decision.get("duplicatedSubscriptions").asInt()).isZero();
        assertThat(decision.get("projectedSubscriptions").asInt()).isEqualTo(200);
        assertThat(codes(decision)).doesNotContain("TENANT_LIMIT_EXCEEDED");
    }

    @Test
    void roleNotPermitted() {
        activeEndingSoon(1, true);
        ObjectNode r = request(TENANT, "t-1", "DUPLICATE", "s0");
        ((ObjectNode) r.get("requestedBy")).put("role", "HELPDESK_AGENT");
        d.request(r);
        assertThat(codes(onlyDecision())).containsExactly("ROLE_NOT_PERMITTED");
        ObjectNode ok = request(TENANT, "t-2", "DUPLICATE", "s0");
        ((ObjectNode) ok.get("requestedBy")).put("role", "billing_agent");
        d.request(ok);
        assertThat(codes(onlyDecision())).isEmpty();
    }

    @Test
    void regionMismatchOnlyWhenTheCountryIsKnown() {
        ObjectNode unknownCountry = event(TENANT, "s0", "active", T0);
        unknownCountry.remove("customerCountryCode");
        sub(unknownCountry).put("commitmentEndDate", "2026-12-01");
        d.event(unknownCountry);
        ObjectNode r = request(TENANT, "t-1", "DUPLICATE", "s0");
        r.put("targetPartnerCountryCode", "FR");
        d.request(r);
        assertThat(codes(onlyDecision())).isEmpty();

        ObjectNode known = event(TENANT, "s0", "active", T0.plusSeconds(1));
        sub(known).put("commitmentEndDate", "2026-12-01");
        d.event(known); // country DE now known: the open request is re-evaluated
        JsonNode revised = onlyDecision();
        assertThat(revised.get("revision").asInt()).isEqualTo(2);
        assertThat(codes(revised)).containsExactly("REGION_MISMATCH");
    }

    @Test
    void subscriptionNotFound() {
        activeEndingSoon(1, true);
        d.request(request(TENANT, "t-1", "DUPLICATE", "s0", "nope"));
        JsonNode decision = onlyDecision();
        assertThat(codes(decision)).containsExactly("SUBSCRIPTION_NOT_FOUND");
        assertThat(decision.get("findings").get(0).get("subscriptionIds").get(0).asText()).isEqualTo("nope");
    }

    @Test
    void subscriptionNotTransferableWhenDisabledOrDeletedButExpiredIs() {
        for (String[] s : new String[][]{{"s0", "disabled"}, {"s1", "deleted"}, {"s2", "expired"}}) {
            ObjectNode e = event(TENANT, s[0], s[1], T0);
            sub(e).put("commitmentEndDate", "2026-12-01");
            d.event(e);
        }
        d.request(request(TENANT, "t-1", "DUPLICATE", "s0", "s1", "s2"));
        JsonNode decision = onlyDecision();
        assertThat(codes(decision)).containsExactly("SUBSCRIPTION_NOT_TRANSFERABLE");
        assertThat(decision.get("findings").get(0).get("subscriptionIds").toString()).isEqualTo("[\"s0\",\"s1\"]");
    }

    @Test
    void autorenewBlocksExpireAndRepurchaseAndIsClearedWhenTurnedOff() {
        activeEndingSoon(1, true);
        d.request(request(TENANT, "t-1", "EXPIRE_AND_REPURCHASE", "s0"));
        JsonNode first = onlyDecision();
        assertThat(first.get("decision").asText()).isEqualTo("BLOCKED");
        assertThat(codes(first)).containsExactly("AUTORENEW_ENABLED");

        ObjectNode off = event(TENANT, "s0", "active", T0.plusSeconds(10));
        sub(off).put("commitmentEndDate", "2026-12-01");
        sub(off).put("autoRenewEnabled", false);
        d.event(off);
        JsonNode second = onlyDecision();
        assertThat(second.get("revision").asInt()).isEqualTo(2);
        assertThat(second.get("decision").asText()).isEqualTo("ALLOWED");
    }

    @Test
    void autorenewDoesNotMatterForDuplicate() {
        activeEndingSoon(1, true);
        d.request(request(TENANT, "t-1", "DUPLICATE", "s0"));
        assertThat(codes(onlyDecision())).isEmpty();
    }

    @Test
    void offerDiscontinuedUnlessTargetIsAnAvailableEquivalent() {
        d.offer(Fixtures.offer(Fixtures.OFFER, "DISCONTINUED", "NEW:0001"));
        d.offer(Fixtures.offer("NEW:0001", "AVAILABLE"));
        activeEndingSoon(1, true);
        d.request(request(TENANT, "t-1", "DUPLICATE", "s0"));
        assertThat(codes(onlyDecision())).containsExactly("OFFER_DISCONTINUED");

        ObjectNode r = request(TENANT, "t-2", "DUPLICATE", "s0");
        ((ObjectNode) r.get("lineItems").get(0)).put("targetOfferId", "NEW:0001");
        d.request(r);
        assertThat(codes(onlyDecision())).isEmpty();
    }

    @Test
    void catalogChangeReevaluatesOpenTransfers() {
        activeEndingSoon(1, true);
        d.request(request(TENANT, "t-1", "DUPLICATE", "s0"));
        assertThat(onlyDecision().get("decision").asText()).isEqualTo("ALLOWED");
        d.offer(Fixtures.offer(Fixtures.OFFER, "DISCONTINUED"));
        JsonNode revised = onlyDecision();
        assertThat(revised.get("revision").asInt()).isEqualTo(2);
        assertThat(codes(revised)).containsExactly("OFFER_DISCONTINUED");
    }

    @Test
    void licenseReassignmentForOtherOfferOrQuantityButNotForEquivalent() {
        d.offer(Fixtures.offer(Fixtures.OFFER, "AVAILABLE", "EQ:0001"));
        activeEndingSoon(1, true);
        ObjectNode other = request(TENANT, "t-1", "DUPLICATE", "s0");
        ((ObjectNode) other.get("lineItems").get(0)).put("targetOfferId", "OTHER:0001");
        d.request(other);
        assertThat(codes(onlyDecision())).containsExactly("LICENSE_REASSIGNMENT_REQUIRED");
        assertThat(d.decisions()).isEmpty();

        ObjectNode qty = request(TENANT, "t-2", "DUPLICATE", "s0");
        ((ObjectNode) qty.get("lineItems").get(0)).put("quantity", 16);
        d.request(qty);
        JsonNode q = onlyDecision();
        assertThat(codes(q)).containsExactly("LICENSE_REASSIGNMENT_REQUIRED");
        assertThat(q.get("decision").asText()).isEqualTo("ALLOWED_WITH_WARNINGS");

        ObjectNode eq = request(TENANT, "t-3", "DUPLICATE", "s0");
        ((ObjectNode) eq.get("lineItems").get(0)).put("targetOfferId", "EQ:0001").put("quantity", 15);
        d.request(eq);
        assertThat(codes(onlyDecision())).isEmpty();
    }

    @Test
    void noRefundWhenTheSourceEndsMoreThan30DaysAfterTheRequest() {
        ObjectNode late = event(TENANT, "s0", "active", T0);
        sub(late).remove("commitmentEndDate");
        sub(late).put("commitmentEndDateTime", T0.plus(Duration.ofDays(30)).plusSeconds(1).toString());
        d.event(late);
        ObjectNode edge = event(TENANT, "s1", "active", T0);
        sub(edge).remove("commitmentEndDate");
        sub(edge).put("commitmentEndDateTime", T0.plus(Duration.ofDays(30)).toString());
        d.event(edge);
        d.request(request(TENANT, "t-1", "DUPLICATE", "s0", "s1"));
        JsonNode decision = onlyDecision();
        assertThat(codes(decision)).containsExactly("NO_REFUND_ON_CANCELLATION");
        assertThat(decision.get("findings").get(0).get("subscriptionIds").toString()).isEqualTo("[\"s0\"]");

        d.request(request(TENANT, "t-2", "EXPIRE_AND_REPURCHASE", "s0"));
        assertThat(codes(onlyDecision())).doesNotContain("NO_REFUND_ON_CANCELLATION");
    }

    @Test
    void dataMigrationForTenantToTenantOnly() {
        activeEndingSoon(1, true);
        ObjectNode t2t = request(TENANT, "t-1", "DUPLICATE", "s0");
        t2t.put("transferType", "TENANT_TO_TENANT");
        d.request(t2t);
        assertThat(codes(onlyDecision())).containsExactly("DATA_MIGRATION_REQUIRED");
        ObjectNode channel = request(TENANT, "t-2", "DUPLICATE", "s0");
        channel.put("transferType", "CHANNEL_TO_CSP");
        d.request(channel);
        assertThat(codes(onlyDecision())).isEmpty();
    }

    @Test
    void creditMayApplyForDirectSubscriptionsAndSaysWhoCallsSupport() {
        ObjectNode direct = event(TENANT, "s0", "active", T0);
        direct.put("channel", "DIRECT");
        direct.remove("partnerTenantId");
        sub(direct).put("commitmentEndDate", "2026-12-01");
        d.event(direct);
        d.request(request(TENANT, "t-1", "DUPLICATE", "s0"));
        JsonNode customer = onlyDecision();
        assertThat(customer.get("decision").asText()).isEqualTo("ALLOWED");
        assertThat(codes(customer)).containsExactly("CREDIT_MAY_APPLY");
        assertThat(customer.get("findings").get(0).get("severity").asText()).isEqualTo("INFO");
        assertThat(customer.get("findings").get(0).get("remediation").asText()).contains("customer must contact");

        ObjectNode dap = request(TENANT, "t-2", "DUPLICATE", "s0");
        dap.put("delegatedAdminAccess", true);
        d.request(dap);
        assertThat(onlyDecision().get("findings").get(0).get("remediation").asText()).contains("on the customer's behalf");

        activeEndingSoon(0, true);
        d.event(event(TENANT, "csp", "active", T0));
        d.request(request(TENANT, "t-3", "DUPLICATE", "csp"));
        assertThat(codes(onlyDecision())).doesNotContain("CREDIT_MAY_APPLY");
    }

    @Test
    void blockedRequestBecomesAllowedWhenEnoughSubscriptionsExpire() {
        activeEndingSoon(160, false);
        d.request(request(TENANT, "t-1", "DUPLICATE", ids(150)));
        assertThat(onlyDecision().get("decision").asText()).isEqualTo("BLOCKED");
        for (int i = 150; i < 159; i++) {
            ObjectNode expired = event(TENANT, "s" + i, "expired", T0.plusSeconds(5));
            sub(expired).put("commitmentEndDate", "2026-12-01");
            d.event(expired);
        }
        assertThat(d.decisions()).isEmpty(); // 151 + 150 is still too many: nothing new to say
        ObjectNode last = event(TENANT, "s159", "expired", T0.plusSeconds(5));
        sub(last).put("commitmentEndDate", "2026-12-01");
        d.event(last);
        JsonNode allowed = onlyDecision();
        assertThat(allowed.get("revision").asInt()).isEqualTo(2);
        assertThat(allowed.get("decision").asText()).isEqualTo("ALLOWED");
        assertThat(allowed.get("projectedSubscriptions").asInt()).isEqualTo(300);
    }

    @Test
    void eachFindingIsAlertedOnceWithADeterministicId() {
        activeEndingSoon(1, true);
        ObjectNode r = request(TENANT, "t-1", "EXPIRE_AND_REPURCHASE", "s0");
        ((ObjectNode) r.get("requestedBy")).put("role", "HELPDESK_AGENT");
        d.request(r);
        assertThat(onlyDecision().get("revision").asInt()).isEqualTo(1);
        List<JsonNode> alerts = d.alerts();
        assertThat(alerts).extracting(a -> a.get("code").asText())
                .containsExactlyInAnyOrder("ROLE_NOT_PERMITTED", "AUTORENEW_ENABLED");
        JsonNode autorenew = alerts.stream().filter(a -> a.get("code").asText().equals("AUTORENEW_ENABLED")).findFirst().orElseThrow();
        assertThat(autorenew.get("transferId").asText()).isEqualTo("t-1");
        assertThat(autorenew.get("customerTenantId").asText()).isEqualTo(TENANT);
        assertThat(autorenew.get("severity").asText()).isEqualTo("BLOCKING");
        assertThat(autorenew.get("subscriptionIds").get(0).asText()).isEqualTo("s0");
        assertThat(autorenew.get("alertId").asText()).isNotBlank();
        assertThat(autorenew.get("raisedAt").asText()).isEqualTo(T0.toString());

        // A new finding (region) gives a new revision; the old findings are not alerted again.
        ObjectNode moved = event(TENANT, "s0", "active", T0.plusSeconds(1));
        moved.put("customerCountryCode", "AT");
        sub(moved).put("commitmentEndDate", "2026-12-01");
        d.event(moved);
        assertThat(onlyDecision().get("revision").asInt()).isEqualTo(2);
        assertThat(d.alerts()).extracting(a -> a.get("code").asText()).containsExactly("REGION_MISMATCH");

        // The same request again changes nothing.
        d.request(r);
        assertThat(d.decisions()).isEmpty();
        assertThat(d.alerts()).isEmpty();

        // Same cause in another driver gives the same id.
        try (GuardDriver other = new GuardDriver()) {
            ObjectNode e = event(TENANT, "s0", "active", T0);
            sub(e).put("commitmentEndDate", "2026-12-01");
            other.event(e);
            other.request(r);
            assertThat(other.alerts()).filteredOn(a -> a.get("code").asText().equals("AUTORENEW_ENABLED"))
                    .extracting(a -> a.get("alertId").asText()).containsExactly(autorenew.get("alertId").asText());
        }
    }

    @Test
    void tenantAboveDuplicationThresholdOncePerCrossing() {
        activeEndingSoon(150, true);
        assertThat(d.alerts()).isEmpty();
        d.event(event(TENANT, "s150", "active", T0));
        List<JsonNode> alerts = d.alerts();
        assertThat(alerts).hasSize(1);
        JsonNode alert = alerts.get(0);
        assertThat(alert.get("code").asText()).isEqualTo("TENANT_ABOVE_DUPLICATION_THRESHOLD");
        assertThat(alert.get("severity").asText()).isEqualTo("WARNING");
        assertThat(alert.get("transferId").isNull()).isTrue();
        d.event(event(TENANT, "s151", "active", T0));
        assertThat(d.alerts()).isEmpty(); // still above: same crossing
        d.event(event(TENANT, "s151", "expired", T0.plusSeconds(1)));
        d.event(event(TENANT, "s150", "expired", T0.plusSeconds(1)));
        d.event(event(TENANT, "s150", "active", T0.plusSeconds(2)));
        List<JsonNode> again = d.alerts();
        assertThat(again).hasSize(1);
        assertThat(again.get(0).get("alertId").asText()).isNotEqualTo(alert.get("alertId").asText());
    }

    @Test
    void withdrawnAndCompletedCloseTheRequest() {
        activeEndingSoon(1, false);
        d.request(request(TENANT, "t-1", "EXPIRE_AND_REPURCHASE", "s0"));
        d.request(request(TENANT, "t-2", "EXPIRE_AND_REPURCHASE", "s0"));
        assertThat(d.decisions()).hasSize(2);
        d.request(request(TENANT, "t-1", "EXPIRE_AND_REPURCHASE", "s0").put("status", "WITHDRAWN"));
        d.request(request(TENANT, "t-2", "EXPIRE_AND_REPURCHASE", "s0").put("status", "completed"));
        ObjectNode on = event(TENANT, "s0", "active", T0.plusSeconds(1));
        sub(on).put("commitmentEndDate", "2026-12-01");
        sub(on).put("autoRenewEnabled", true);
        d.event(on);
        assertThat(d.decisions()).isEmpty();
    }

    @Test
    void openRequestClosesAsExpiredAfter30Days() {
        activeEndingSoon(1, false);
        d.request(request(TENANT, "t-1", "EXPIRE_AND_REPURCHASE", "s0"));
        assertThat(d.decisions()).hasSize(1);
        d.advance(Duration.ofDays(30).plusSeconds(1));
        ObjectNode on = event(TENANT, "s0", "active", T0.plusSeconds(1));
        sub(on).put("commitmentEndDate", "2026-12-01");
        sub(on).put("autoRenewEnabled", true);
        d.event(on);
        assertThat(d.decisions()).isEmpty();
    }

    @Test
    void openRequestStaysOpenBefore30Days() {
        activeEndingSoon(1, false);
        d.request(request(TENANT, "t-1", "EXPIRE_AND_REPURCHASE", "s0"));
        d.decisions();
        d.advance(Duration.ofDays(29));
        ObjectNode on = event(TENANT, "s0", "active", T0.plusSeconds(1));
        sub(on).put("commitmentEndDate", "2026-12-01");
        sub(on).put("autoRenewEnabled", true);
        d.event(on);
        assertThat(d.decisions()).hasSize(1);
    }
}
