package com.cspguard.domain;

import com.cspguard.domain.TransferRequest.TransferMethod;
import com.cspguard.domain.TransferRequest.TransferType;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static com.cspguard.domain.DomainFixtures.NOW;
import static com.cspguard.domain.DomainFixtures.REQUESTED_AT;
import static com.cspguard.domain.DomainFixtures.codes;
import static com.cspguard.domain.DomainFixtures.evaluate;
import static com.cspguard.domain.DomainFixtures.finding;
import static com.cspguard.domain.DomainFixtures.ids;
import static com.cspguard.domain.DomainFixtures.request;
import static com.cspguard.domain.DomainFixtures.sub;
import static com.cspguard.domain.DomainFixtures.subs;
import static com.cspguard.domain.DomainFixtures.tenant;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules of the alert table that new commerce added (contract, domain.md "New commerce"): one
 * nested class per rule, each with a case that raises it and a near case that must not, in the
 * style of {@link TransferEvaluatorTest}.
 */
class NewCommerceRulesTest {
    static final String LEGACY_OFFER = "0f4a6e2b-1c3d-4e5f-8a9b-0c1d2e3f4a5b";

    /** A partner-to-partner PARTNER_TRANSFER by an admin agent: raises nothing for new-commerce subscriptions. */
    static DomainFixtures.Req partnerTransfer(String... ids) {
        return request(ids).method(TransferMethod.PARTNER_TRANSFER).role("ADMIN_AGENT");
    }

    @Nested
    class PartnerTransfer {

        @Test
        void newCommercePartnerToPartnerByAnAdminAgentIsAllowedAndDuplicatesNothing() {
            Evaluation e = evaluate(tenant(299, "DE", subs(25)), partnerTransfer(ids(25)));

            assertThat(e.findings()).isEmpty();
            assertThat(e.decision()).isEqualTo(Decision.ALLOWED);
            assertThat(e.duplicatedSubscriptions()).isZero();
            assertThat(e.projectedSubscriptions()).isEqualTo(299);
        }

        @Test
        void aLegacySubscriptionIsNotEligible() {
            Evaluation e = evaluate(tenant(sub("a").build(), sub("b").offer(LEGACY_OFFER).build(),
                    sub("c").commerce(CommerceType.LEGACY).build()), partnerTransfer("a", "b", "c"));

            Finding f = finding(e, AlertCode.PARTNER_TRANSFER_NOT_ELIGIBLE);
            assertThat(f.severity()).isEqualTo(Severity.BLOCKING);
            assertThat(f.subscriptionIds()).containsExactly("b", "c");
            assertThat(e.decision()).isEqualTo(Decision.BLOCKED);
        }

        @ParameterizedTest
        @EnumSource(value = TransferType.class, names = {"CHANNEL_TO_CSP", "TENANT_TO_TENANT"})
        void onlyPartnerToPartnerIsEligible(TransferType type) {
            Evaluation e = evaluate(tenant(sub("a").build(), sub("b").offer(LEGACY_OFFER).build()),
                    partnerTransfer("a", "b").type(type));

            Finding f = finding(e, AlertCode.PARTNER_TRANSFER_NOT_ELIGIBLE);
            assertThat(f.subscriptionIds()).isEmpty(); // the whole request: one finding, nothing listed twice
            assertThat(f.message()).contains(type.name());
            assertThat(e.decision()).isEqualTo(Decision.BLOCKED);
        }

        @Test
        void otherMethodsMoveLegacySubscriptionsFine() {
            Evaluation e = evaluate(tenant(sub("b").offer(LEGACY_OFFER).build()), request("b"));

            assertThat(codes(e)).doesNotContain(AlertCode.PARTNER_TRANSFER_NOT_ELIGIBLE);
        }

        @Test
        void regionAndStatusRulesApplyAsForTheOtherMethods() {
            Evaluation e = evaluate(tenant(1, "FR", sub("a").status(SubscriptionStatus.DISABLED).build()),
                    partnerTransfer("a", "ghost"));

            assertThat(codes(e)).containsExactly(AlertCode.REGION_MISMATCH, AlertCode.SUBSCRIPTION_NOT_FOUND,
                    AlertCode.SUBSCRIPTION_NOT_TRANSFERABLE);
        }

        @Test
        void noLimitImpactEvenAtTheMaximum() {
            Evaluation e = evaluate(tenant(300, "DE", subs(3)), partnerTransfer(ids(3))
                    .requestedAt(REQUESTED_AT));

            assertThat(codes(e)).doesNotContain(AlertCode.TENANT_LIMIT_EXCEEDED, AlertCode.COMPETING_TRANSFERS);
            assertThat(e.projectedSubscriptions()).isEqualTo(300);
        }
    }

    @Nested
    class Roles {

        @ParameterizedTest
        @ValueSource(strings = {"ADMIN_AGENT", "admin_agent"})
        void anAdminAgentMayCreateAPartnerTransfer(String role) {
            Evaluation e = evaluate(tenant(sub("a").build()), partnerTransfer("a").role(role));

            assertThat(codes(e)).doesNotContain(AlertCode.ROLE_NOT_PERMITTED);
        }

        @ParameterizedTest
        @ValueSource(strings = {"ACCOUNT_ADMIN", "SALES_AGENT", "BILLING_AGENT", "HELPDESK_AGENT"})
        void noOtherRoleMay(String role) {
            Evaluation e = evaluate(tenant(sub("a").build()), partnerTransfer("a").role(role));

            Finding f = finding(e, AlertCode.ROLE_NOT_PERMITTED);
            assertThat(f.message()).contains(role).contains("ADMIN_AGENT");
            assertThat(e.decision()).isEqualTo(Decision.BLOCKED);
        }

        @ParameterizedTest
        @EnumSource(value = TransferMethod.class, names = {"DUPLICATE", "EXPIRE_AND_REPURCHASE"})
        void anAdminAgentMayNotUseTheOtherMethods(TransferMethod method) {
            Evaluation e = evaluate(tenant(sub("a").build()), request("a").method(method).role("ADMIN_AGENT"));

            assertThat(codes(e)).containsExactly(AlertCode.ROLE_NOT_PERMITTED);
        }

        @Test
        void theRoleIsASetting() {
            TransferEvaluator custom = new TransferEvaluator(GuardPolicy.defaults()
                    .withNewCommerce(Duration.ofDays(7), "SALES_AGENT", 25));

            Evaluation sales = custom.evaluate(tenant(sub("a").build()), partnerTransfer("a").role("SALES_AGENT").build(),
                    OfferCatalog.empty(), NOW);
            Evaluation admin = custom.evaluate(tenant(sub("a").build()), partnerTransfer("a").build(),
                    OfferCatalog.empty(), NOW);

            assertThat(codes(sales)).isEmpty();
            assertThat(codes(admin)).containsExactly(AlertCode.ROLE_NOT_PERMITTED);
        }
    }

    @Nested
    class TooManyLineItems {

        @Test
        void twentyFiveFitInOneTransfer() {
            Evaluation e = evaluate(tenant(25, "DE", subs(25)), partnerTransfer(ids(25)));

            assertThat(codes(e)).doesNotContain(AlertCode.TOO_MANY_LINE_ITEMS);
        }

        @Test
        void twentySixMustBeSplitIntoTwo() {
            Evaluation e = evaluate(tenant(26, "DE", subs(26)), partnerTransfer(ids(26)));

            Finding f = finding(e, AlertCode.TOO_MANY_LINE_ITEMS);
            assertThat(f.severity()).isEqualTo(Severity.BLOCKING);
            assertThat(f.subscriptionIds()).isEmpty();
            assertThat(f.message()).contains("26").contains("25");
            assertThat(f.remediation()).contains("Split it into 2 transfers of at most 25");
            assertThat(e.decision()).isEqualTo(Decision.BLOCKED);
        }

        @Test
        void sixtyMakeThreeTransfers() {
            Evaluation e = evaluate(tenant(60, "DE", subs(60)), partnerTransfer(ids(60)));

            assertThat(finding(e, AlertCode.TOO_MANY_LINE_ITEMS).remediation()).contains("3 transfers");
        }

        @Test
        void otherMethodsHaveNoSuchLimit() {
            Evaluation e = evaluate(tenant(60, "DE", subs(60)), request(ids(60)));

            assertThat(codes(e)).doesNotContain(AlertCode.TOO_MANY_LINE_ITEMS);
        }

        @Test
        void theLimitIsASetting() {
            TransferEvaluator ten = new TransferEvaluator(GuardPolicy.defaults().withNewCommerce(Duration.ofDays(7), "ADMIN_AGENT", 10));

            Evaluation e = ten.evaluate(tenant(21, "DE", subs(21)), partnerTransfer(ids(21)).build(), OfferCatalog.empty(), NOW);

            assertThat(finding(e, AlertCode.TOO_MANY_LINE_ITEMS).remediation()).contains("3 transfers of at most 10");
        }
    }

    @Nested
    class CancellationNotPossible {

        @Test
        void aNewCommerceSourcePastRefundableUntilCannotBeCancelled() {
            Evaluation e = evaluate(tenant(sub("a").refundableUntil(REQUESTED_AT.minusSeconds(1)).build()), request("a"));

            Finding f = finding(e, AlertCode.CANCELLATION_NOT_POSSIBLE);
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.subscriptionIds()).containsExactly("a");
            assertThat(f.remediation()).contains("PARTNER_TRANSFER");
            assertThat(e.decision()).isEqualTo(Decision.ALLOWED_WITH_WARNINGS);
        }

        @Test
        void atTheLastRefundableInstantItStillCanBe() {
            Evaluation e = evaluate(tenant(sub("a").refundableUntil(REQUESTED_AT).build()), request("a"));

            assertThat(codes(e)).doesNotContain(AlertCode.CANCELLATION_NOT_POSSIBLE);
        }

        @Test
        void withoutRefundableUntilTheWindowRunsSevenDaysFromTheTermStart() {
            Instant start = REQUESTED_AT.minus(Duration.ofDays(7));
            Evaluation inside = evaluate(tenant(sub("a").refundableUntil(null).start(start).build()), request("a"));
            Evaluation past = evaluate(tenant(sub("a").refundableUntil(null).start(start.minusSeconds(1)).build()),
                    request("a"));

            assertThat(codes(inside)).doesNotContain(AlertCode.CANCELLATION_NOT_POSSIBLE);
            assertThat(codes(past)).contains(AlertCode.CANCELLATION_NOT_POSSIBLE);
        }

        @Test
        void theWindowIsASetting() {
            TransferEvaluator tenDays = new TransferEvaluator(GuardPolicy.defaults()
                    .withNewCommerce(Duration.ofDays(10), "ADMIN_AGENT", 25));
            TenantSnapshot t = tenant(sub("a").refundableUntil(null).start(REQUESTED_AT.minus(Duration.ofDays(8))).build());

            assertThat(codes(tenDays.evaluate(t, request("a").build(), OfferCatalog.empty(), NOW)))
                    .doesNotContain(AlertCode.CANCELLATION_NOT_POSSIBLE);
            assertThat(codes(evaluate(t, request("a")))).contains(AlertCode.CANCELLATION_NOT_POSSIBLE);
        }

        @Test
        void outsidePartnerToPartnerTheRemediationIsExpiry() {
            Evaluation e = evaluate(tenant(sub("a").refundableUntil(REQUESTED_AT.minusSeconds(1)).build()),
                    request("a").type(TransferType.CHANNEL_TO_CSP));

            assertThat(finding(e, AlertCode.CANCELLATION_NOT_POSSIBLE).remediation())
                    .contains("expire").doesNotContain("PARTNER_TRANSFER");
        }

        @Test
        void legacySourcesCanBeCancelledAnyTime() {
            Evaluation e = evaluate(tenant(sub("a").offer(LEGACY_OFFER).refundableUntil(null)
                    .start(REQUESTED_AT.minus(Duration.ofDays(300))).build()), request("a"));

            assertThat(codes(e)).doesNotContain(AlertCode.CANCELLATION_NOT_POSSIBLE);
        }

        @ParameterizedTest
        @EnumSource(value = TransferMethod.class, names = {"EXPIRE_AND_REPURCHASE", "PARTNER_TRANSFER"})
        void onlyDuplicationCancels(TransferMethod method) {
            Evaluation e = evaluate(tenant(sub("a").refundableUntil(REQUESTED_AT.minusSeconds(1)).build()),
                    request("a").method(method).role("ADMIN_AGENT"));

            assertThat(codes(e)).doesNotContain(AlertCode.CANCELLATION_NOT_POSSIBLE);
        }

        @Test
        void measuredAtTheRequestNotAtTheEvaluation() {
            TenantSnapshot t = tenant(sub("a").refundableUntil(REQUESTED_AT.plusSeconds(1)).build());

            Evaluation later = EVALUATOR_LATER.evaluate(t, request("a").build(), OfferCatalog.empty(),
                    REQUESTED_AT.plus(Duration.ofDays(20)));

            assertThat(codes(later)).doesNotContain(AlertCode.CANCELLATION_NOT_POSSIBLE);
        }

        private static final TransferEvaluator EVALUATOR_LATER = new TransferEvaluator(GuardPolicy.defaults());
    }

    @Nested
    class CompetingTransfers {

        @Test
        void twoRequestsOfHundredOnTwoHundredCompete() {
            TenantSnapshot t = tenant(200, "DE", subs(100)).withOpenDuplications(Map.of("t-1", 100, "t-2", 100));

            Evaluation e = evaluate(t, request(ids(100)).transferId("t-1"));

            Finding f = finding(e, AlertCode.COMPETING_TRANSFERS);
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.subscriptionIds()).isEmpty();
            assertThat(f.message()).contains("t-2").contains("400").contains("300");
            assertThat(e.decision()).isEqualTo(Decision.ALLOWED_WITH_WARNINGS);
            assertThat(e.projectedSubscriptions()).isEqualTo(300);
            assertThat(e.otherOpenDuplications()).isEqualTo(100);
            assertThat(e.competingTransferIds()).containsExactly("t-2");
        }

        @Test
        void threeRequestsNameEachOther() {
            TenantSnapshot t = tenant(150, "DE", subs(50)).withOpenDuplications(Map.of("t-3", 50, "t-1", 50, "t-2", 80));

            Evaluation e = evaluate(t, request(ids(50)).transferId("t-3"));

            assertThat(e.otherOpenDuplications()).isEqualTo(130);
            assertThat(e.competingTransferIds()).containsExactly("t-1", "t-2");
            assertThat(codes(e)).contains(AlertCode.COMPETING_TRANSFERS);
        }

        @Test
        void requestsThatFitTogetherDoNotCompete() {
            TenantSnapshot t = tenant(100, "DE", subs(100)).withOpenDuplications(Map.of("t-1", 100, "t-2", 100));

            Evaluation e = evaluate(t, request(ids(100)).transferId("t-1"));

            assertThat(codes(e)).doesNotContain(AlertCode.COMPETING_TRANSFERS);
            assertThat(e.otherOpenDuplications()).isEqualTo(100);
            assertThat(e.competingTransferIds()).containsExactly("t-2");
        }

        @Test
        void aRequestAboveTheLimitOnItsOwnIsBlockedNotCompeting() {
            TenantSnapshot t = tenant(250, "DE", subs(100)).withOpenDuplications(Map.of("t-2", 10));

            Evaluation e = evaluate(t, request(ids(100)).transferId("t-1"));

            assertThat(codes(e)).contains(AlertCode.TENANT_LIMIT_EXCEEDED).doesNotContain(AlertCode.COMPETING_TRANSFERS);
        }

        @ParameterizedTest
        @EnumSource(value = TransferMethod.class, names = {"EXPIRE_AND_REPURCHASE", "PARTNER_TRANSFER"})
        void onlyDuplicationCompetes(TransferMethod method) {
            TenantSnapshot t = tenant(290, "DE", subs(5)).withOpenDuplications(Map.of("t-2", 100));

            Evaluation e = evaluate(t, request(ids(5)).transferId("t-1").method(method).role("ADMIN_AGENT")
                    .requestedAt(REQUESTED_AT));

            assertThat(codes(e)).doesNotContain(AlertCode.COMPETING_TRANSFERS);
            assertThat(e.otherOpenDuplications()).isEqualTo(100); // still reported: they take the room
        }

        @Test
        void aRequestDoesNotCompeteWithItself() {
            TenantSnapshot t = tenant(200, "DE", subs(100)).withOpenDuplications(Map.of("t-1", 100));

            Evaluation e = evaluate(t, request(ids(100)).transferId("t-1"));

            assertThat(codes(e)).doesNotContain(AlertCode.COMPETING_TRANSFERS);
            assertThat(e.otherOpenDuplications()).isZero();
            assertThat(e.competingTransferIds()).isEmpty();
        }
    }

    /** docs/rules.md "A worked new-commerce example", step by step. */
    @Nested
    class WorkedExample {
        private final Instant refundableUntil = Instant.parse("2026-01-21T00:00:00Z");

        private TenantSnapshot contoso(Map<String, Integer> open) {
            java.util.List<HeldSubscription> subs = new java.util.ArrayList<>();
            for (int i = 0; i < 200; i++) {
                subs.add(sub("s-" + i).autoRenew(true).endDate(java.time.LocalDate.of(2027, 1, 13))
                        .refundableUntil(refundableUntil).build());
            }
            return tenant(200, "DE", subs).withOpenDuplications(open);
        }

        private String[] range(int from, int to) {
            String[] out = new String[to - from];
            for (int i = from; i < to; i++) {
                out[i - from] = "s-" + i;
            }
            return out;
        }

        @Test
        void step1DuplicatingPastTheWindowWarnsButFits() {
            Evaluation e = evaluate(contoso(Map.of("t-1", 100)), request(range(0, 100)).transferId("t-1"));

            assertThat(codes(e)).containsExactly(AlertCode.NO_REFUND_ON_CANCELLATION, AlertCode.CANCELLATION_NOT_POSSIBLE);
            assertThat(e.decision()).isEqualTo(Decision.ALLOWED_WITH_WARNINGS);
            assertThat(e.projectedSubscriptions()).isEqualTo(300);
            assertThat(e.otherOpenDuplications()).isZero();
        }

        @Test
        void step2ASecondDuplicationCompetes() {
            TenantSnapshot both = contoso(Map.of("t-1", 100, "t-2", 100));

            Evaluation t2 = evaluate(both, request(range(100, 200)).transferId("t-2"));
            Evaluation t1 = evaluate(both, request(range(0, 100)).transferId("t-1"));

            assertThat(codes(t2)).contains(AlertCode.COMPETING_TRANSFERS);
            assertThat(t2.competingTransferIds()).containsExactly("t-1");
            assertThat(codes(t1)).contains(AlertCode.COMPETING_TRANSFERS);
            assertThat(t1.competingTransferIds()).containsExactly("t-2");
        }

        @Test
        void step3OnePartnerTransferOfAHundredBySalesIsBlocked() {
            Evaluation e = evaluate(contoso(Map.of()), partnerTransfer(range(0, 100)).role("SALES_AGENT").transferId("t-3"));

            assertThat(codes(e)).containsExactly(AlertCode.ROLE_NOT_PERMITTED, AlertCode.TOO_MANY_LINE_ITEMS);
            assertThat(finding(e, AlertCode.TOO_MANY_LINE_ITEMS).remediation())
                    .isEqualTo("Split it into 4 transfers of at most 25 line items each.");
        }

        @Test
        void step4FourPartnerTransfersOf25ByTheAdminAgentAreAllowed() {
            for (int k = 0; k < 4; k++) {
                Evaluation e = evaluate(contoso(Map.of()), partnerTransfer(range(k * 25, k * 25 + 25)).transferId("t-" + (4 + k)));

                assertThat(e.findings()).isEmpty();
                assertThat(e.duplicatedSubscriptions()).isZero();
                assertThat(e.projectedSubscriptions()).isEqualTo(200);
            }
        }
    }
}
