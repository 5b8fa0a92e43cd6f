package com.cspguard.wire;

import com.cspguard.domain.TransferRequest.TransferType;
import com.cspguard.domain.planning.PlanRequest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PlanRequestParserTest {
    private static final String VALID = """
            {"customerTenantId":"t-1","targetPartnerTenantId":"p-2","targetPartnerCountryCode":"DE",
             "requestedBy":{"userId":"u-1","role":"SALES_AGENT"},"subscriptionIds":["s-2","s-1"],
             "startDate":"2026-12-01","deadline":"2027-03-31"}""";

    private static ParseResult<PlanRequest> parse(String body) {
        return InputParser.planRequestBody(body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> problems(String body) {
        ParseResult<PlanRequest> r = parse(body);
        assertThat(r).isInstanceOf(ParseResult.Bad.class);
        return ((ParseResult.Bad<PlanRequest>) r).problems();
    }

    @Test
    void aValidBodyGivesTheRequest() {
        PlanRequest r = ((ParseResult.Ok<PlanRequest>) parse(VALID)).value();
        assertThat(r.customerTenantId()).isEqualTo("t-1");
        assertThat(r.targetPartnerTenantId()).isEqualTo("p-2");
        assertThat(r.targetPartnerCountryCode()).isEqualTo("DE");
        assertThat(r.requestedBy().role()).isEqualTo("SALES_AGENT");
        assertThat(r.transferType()).isEqualTo(TransferType.PARTNER_TO_PARTNER);
        assertThat(r.subscriptionIds()).containsExactly("s-2", "s-1");
        assertThat(r.startDate()).isEqualTo(LocalDate.of(2026, 12, 1));
        assertThat(r.deadline()).isEqualTo(LocalDate.of(2027, 3, 31));
    }

    @Test
    void withoutSubscriptionsOrStartTheDefaultsApply() {
        PlanRequest r = ((ParseResult.Ok<PlanRequest>) parse("""
                {"customerTenantId":"t-1","targetPartnerTenantId":"p-2","targetPartnerCountryCode":"DE",
                 "requestedBy":{"role":"billing_agent"},"transferType":"channel_to_csp","deadline":"2027-03-31T00:00:00Z"}""")).value();
        assertThat(r.subscriptionIds()).isEmpty();
        assertThat(r.startDate()).isNull();
        assertThat(r.transferType()).isEqualTo(TransferType.CHANNEL_TO_CSP);
        assertThat(r.deadline()).isEqualTo(LocalDate.of(2027, 3, 31));
    }

    @Test
    void betweenTenantsTheTargetTenantsCountIsRead() {
        PlanRequest r = ((ParseResult.Ok<PlanRequest>) parse("""
                {"customerTenantId":"t-1","targetPartnerTenantId":"p-2","targetPartnerCountryCode":"DE",
                 "requestedBy":{"role":"SALES_AGENT"},"transferType":"TENANT_TO_TENANT","deadline":"2027-03-31",
                 "targetTenantCountedSubscriptions":120}""")).value();
        assertThat(r.intoAnotherTenant()).isTrue();
        assertThat(r.targetTenantCountedSubscriptions()).isEqualTo(120);
        assertThat(((ParseResult.Ok<PlanRequest>) parse(VALID)).value().targetTenantCountedSubscriptions()).isNull();
        assertThat(problems("""
                {"customerTenantId":"t-1","targetPartnerTenantId":"p-2","targetPartnerCountryCode":"DE",
                 "requestedBy":{"role":"SALES_AGENT"},"deadline":"2027-03-31","targetTenantCountedSubscriptions":-1}"""))
                .anySatisfy(p -> assertThat(p).contains("targetTenantCountedSubscriptions"));
    }

    @Test
    void everyMissingFieldIsNamed() {
        assertThat(problems("{}")).containsExactly("missing field: customerTenantId",
                "missing field: targetPartnerTenantId", "missing field: targetPartnerCountryCode",
                "missing field: requestedBy", "missing field: deadline");
        assertThat(problems("{\"requestedBy\":{}}")).contains("missing field: requestedBy.role");
    }

    @Test
    void badValuesAreNamedWithTheirField() {
        List<String> problems = problems("""
                {"customerTenantId":"a|b","targetPartnerTenantId":7,"targetPartnerCountryCode":"DE",
                 "requestedBy":{"role":"SALES_AGENT"},"transferType":"TELEPORT","subscriptionIds":["s-1",3,""],
                 "startDate":"tomorrow","deadline":"2027-02-30"}""");
        assertThat(problems).containsExactlyInAnyOrder(
                "invalid value: customerTenantId must not contain '|'",
                "wrong type: targetPartnerTenantId (expected string)",
                "unknown value: transferType 'TELEPORT' (expected one of PARTNER_TO_PARTNER, CHANNEL_TO_CSP, TENANT_TO_TENANT)",
                "wrong type: subscriptionIds[1] (expected string)",
                "empty field: subscriptionIds[2]",
                "invalid date: startDate 'tomorrow' (expected a date or an ISO-8601 instant)",
                "invalid date: deadline '2027-02-30' (expected a date or an ISO-8601 instant)");
    }

    @Test
    void anEmptyListOfSubscriptionsIsAProblemNotEverySubscription() {
        assertThat(problems(VALID.replace("[\"s-2\",\"s-1\"]", "[]")))
                .containsExactly("empty field: subscriptionIds (leave it out to move every counted subscription)");
        assertThat(problems(VALID.replace("[\"s-2\",\"s-1\"]", "\"s-1\"")))
                .containsExactly("wrong type: subscriptionIds (expected array)");
    }

    @Test
    void notJsonOrNotAnObjectIsRejected() {
        assertThat(problems("nonsense").get(0)).startsWith("invalid JSON");
        assertThat(problems("[1]")).containsExactly("invalid JSON: the value is not a JSON object");
        assertThat(problems(null)).containsExactly("missing value");
    }
}
