package com.cspguard.domain;

import com.cspguard.domain.Offer.OfferStatus;
import com.cspguard.domain.TransferRequest.TransferMethod;
import com.cspguard.domain.TransferRequest.TransferType;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import static com.cspguard.domain.DomainFixtures.EQUIVALENT;
import static com.cspguard.domain.DomainFixtures.NOW;
import static com.cspguard.domain.DomainFixtures.OFFER;
import static com.cspguard.domain.DomainFixtures.OTHER_OFFER;
import static com.cspguard.domain.DomainFixtures.REQUESTED_AT;
import static com.cspguard.domain.DomainFixtures.TENANT;
import static com.cspguard.domain.DomainFixtures.catalog;
import static com.cspguard.domain.DomainFixtures.codes;
import static com.cspguard.domain.DomainFixtures.evaluate;
import static com.cspguard.domain.DomainFixtures.finding;
import static com.cspguard.domain.DomainFixtures.ids;
import static com.cspguard.domain.DomainFixtures.offer;
import static com.cspguard.domain.DomainFixtures.request;
import static com.cspguard.domain.DomainFixtures.sub;
import static com.cspguard.domain.DomainFixtures.subs;
import static com.cspguard.domain.DomainFixtures.tenant;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One rule of the contract's alert table per nested class: a case where the finding is raised and
 * a near case where it must not be. TENANT_ABOVE_DUPLICATION_THRESHOLD is tenant-level and tested
 * with {@link TenantCounts}.
 */
class TransferEvaluatorTest {

    @Test
    void theDefaultFixtureRaisesNothing() {
        Evaluation e = evaluate(tenant(sub("a").build()), request("a"));

        assertThat(e.findings()).isEmpty();
        assertThat(e.decision()).isEqualTo(Decision.ALLOWED);
    }

    @Test
    void echoesTheRequestAndThePolicy() {
        Evaluation e = evaluate(tenant(sub("a").build()), request("a").transferId("t-42"));

        assertThat(e.transferId()).isEqualTo("t-42");
        assertThat(e.customerTenantId()).isEqualTo(TENANT);
        assertThat(e.evaluatedAt()).isEqualTo(NOW);
        assertThat(e.tenantMaximum()).isEqualTo(300);
        assertThat(e.duplicationThreshold()).isEqualTo(150);
    }

    @Nested
    class RoleNotPermitted {

        @Test
        void helpdeskAgentIsRefused() {
            Evaluation e = evaluate(tenant(sub("a").build()), request("a").role("HELPDESK_AGENT"));

            Finding f = finding(e, AlertCode.ROLE_NOT_PERMITTED);
            assertThat(f.severity()).isEqualTo(Severity.BLOCKING);
            assertThat(f.subscriptionIds()).isEmpty();
            assertThat(f.message()).contains("HELPDESK_AGENT");
            assertThat(e.decision()).isEqualTo(Decision.BLOCKED);
        }

        @ParameterizedTest
        @ValueSource(strings = {"ADMIN_AGENT", "GLOBAL_ADMIN", "SALES", "ACCOUNTADMIN"})
        @NullAndEmptySource
        void anyOtherRoleIsRefused(String role) {
            Evaluation e = evaluate(tenant(sub("a").build()), request("a").role(role));

            assertThat(codes(e)).containsExactly(AlertCode.ROLE_NOT_PERMITTED);
        }

        @Test
        void aMissingRequesterIsRefused() {
            Evaluation e = evaluate(tenant(sub("a").build()), request("a").requestedBy(null));

            assertThat(codes(e)).containsExactly(AlertCode.ROLE_NOT_PERMITTED);
        }

        @ParameterizedTest
        @ValueSource(strings = {"ACCOUNT_ADMIN", "SALES_AGENT", "BILLING_AGENT", "sales_agent", "Billing_Agent",
                "account_admin"})
        void theThreeRolesAreAllowedInAnyCase(String role) {
            Evaluation e = evaluate(tenant(sub("a").build()), request("a").role(role));

            assertThat(codes(e)).doesNotContain(AlertCode.ROLE_NOT_PERMITTED);
            assertThat(e.decision()).isEqualTo(Decision.ALLOWED);
        }
    }

    @Nested
    class RegionMismatch {

        @Test
        void partnerInAnotherCountryIsRefused() {
            Evaluation e = evaluate(tenant(1, "DE", sub("a").build()), request("a").targetCountry("FR"));

            Finding f = finding(e, AlertCode.REGION_MISMATCH);
            assertThat(f.severity()).isEqualTo(Severity.BLOCKING);
            assertThat(f.subscriptionIds()).isEmpty();
            assertThat(f.message()).contains("DE").contains("FR");
            assertThat(e.decision()).isEqualTo(Decision.BLOCKED);
        }

        @Test
        void noFindingWhileTheTenantCountryIsUnknown() {
            Evaluation e = evaluate(tenant(1, null, sub("a").build()), request("a").targetCountry("FR"));

            assertThat(codes(e)).doesNotContain(AlertCode.REGION_MISMATCH);
        }

        @Test
        void sameCountryInAnotherCaseMatches() {
            Evaluation e = evaluate(tenant(1, "de", sub("a").build()), request("a").targetCountry("DE"));

            assertThat(codes(e)).doesNotContain(AlertCode.REGION_MISMATCH);
        }
    }

    @Nested
    class TenantLimitExceeded {

        @Test
        void duplicating150Into150IsAllowed() {
            Evaluation e = evaluate(tenant(150, "DE", subs(150)), request(ids(150)));

            assertThat(codes(e)).doesNotContain(AlertCode.TENANT_LIMIT_EXCEEDED);
            assertThat(e.projectedSubscriptions()).isEqualTo(300);
            assertThat(e.decision()).isEqualTo(Decision.ALLOWED);
        }

        @Test
        void duplicating150Into151IsBlocked() {
            Evaluation e = evaluate(tenant(151, "DE", subs(150)), request(ids(150)));

            Finding f = finding(e, AlertCode.TENANT_LIMIT_EXCEEDED);
            assertThat(f.severity()).isEqualTo(Severity.BLOCKING);
            assertThat(f.subscriptionIds()).isEmpty();
            assertThat(f.message()).contains("151").contains("150").contains("301").contains("300");
            assertThat(e.countedSubscriptions()).isEqualTo(151);
            assertThat(e.duplicatedSubscriptions()).isEqualTo(150);
            assertThat(e.projectedSubscriptions()).isEqualTo(301);
            assertThat(e.decision()).isEqualTo(Decision.BLOCKED);
        }

        @Test
        void expireAndRepurchaseNeverExceedsTheLimit() {
            Evaluation e = evaluate(tenant(300, "DE", subs(160)), request(ids(160)).method(TransferMethod.EXPIRE_AND_REPURCHASE));

            assertThat(codes(e)).doesNotContain(AlertCode.TENANT_LIMIT_EXCEEDED);
            assertThat(e.duplicatedSubscriptions()).isZero();
            assertThat(e.projectedSubscriptions()).isEqualTo(300);
            assertThat(e.decision()).isEqualTo(Decision.ALLOWED);
        }

        @Test
        void theMaximumIsASetting() {
            TransferEvaluator small = new TransferEvaluator(GuardPolicy.defaults().withLimits(10, 5));
            TenantSnapshot at7 = tenant(7, "DE", subs(3));
            TenantSnapshot at8 = tenant(8, "DE", subs(3));

            Evaluation allowed = small.evaluate(at7, request(ids(3)).build(), OfferCatalog.empty(), NOW);
            Evaluation blocked = small.evaluate(at8, request(ids(3)).build(), OfferCatalog.empty(), NOW);

            assertThat(codes(allowed)).doesNotContain(AlertCode.TENANT_LIMIT_EXCEEDED);
            assertThat(codes(blocked)).containsExactly(AlertCode.TENANT_LIMIT_EXCEEDED);
            assertThat(blocked.tenantMaximum()).isEqualTo(10);
            assertThat(blocked.duplicationThreshold()).isEqualTo(5);
        }
    }

    @Nested
    class SubscriptionNotFound {

        @Test
        void aSubscriptionTheTenantDoesNotHaveIsReported() {
            Evaluation e = evaluate(tenant(sub("a").build()), request("a", "ghost"));

            Finding f = finding(e, AlertCode.SUBSCRIPTION_NOT_FOUND);
            assertThat(f.severity()).isEqualTo(Severity.BLOCKING);
            assertThat(f.subscriptionIds()).containsExactly("ghost");
            assertThat(codes(e)).containsExactly(AlertCode.SUBSCRIPTION_NOT_FOUND);
            assertThat(e.decision()).isEqualTo(Decision.BLOCKED);
        }

        @Test
        void subscriptionsTheTenantHasAreFound() {
            Evaluation e = evaluate(tenant(sub("a").build(), sub("b").build()), request("a", "b"));

            assertThat(codes(e)).doesNotContain(AlertCode.SUBSCRIPTION_NOT_FOUND);
        }
    }

    @Nested
    class SubscriptionNotTransferable {

        @ParameterizedTest
        @EnumSource(value = SubscriptionStatus.class, names = {"DISABLED", "DELETED"})
        void disabledOrDeletedCannotMove(SubscriptionStatus status) {
            Evaluation e = evaluate(tenant(sub("a").build(), sub("b").status(status).build()), request("a", "b"));

            Finding f = finding(e, AlertCode.SUBSCRIPTION_NOT_TRANSFERABLE);
            assertThat(f.severity()).isEqualTo(Severity.BLOCKING);
            assertThat(f.subscriptionIds()).containsExactly("b");
            assertThat(e.decision()).isEqualTo(Decision.BLOCKED);
        }

        @ParameterizedTest
        @EnumSource(value = SubscriptionStatus.class, names = {"DISABLED", "DELETED"}, mode = EnumSource.Mode.EXCLUDE)
        void everyOtherStatusCanMove(SubscriptionStatus status) {
            Evaluation e = evaluate(tenant(sub("a").status(status).build()), request("a"));

            assertThat(codes(e)).doesNotContain(AlertCode.SUBSCRIPTION_NOT_TRANSFERABLE);
        }
    }

    @Nested
    class AutorenewEnabled {

        @Test
        void expiryNeedsAutorenewOff() {
            Evaluation e = evaluate(tenant(sub("a").autoRenew(true).build(), sub("b").build()),
                    request("a", "b").method(TransferMethod.EXPIRE_AND_REPURCHASE));

            Finding f = finding(e, AlertCode.AUTORENEW_ENABLED);
            assertThat(f.severity()).isEqualTo(Severity.BLOCKING);
            assertThat(f.subscriptionIds()).containsExactly("a");
            assertThat(e.decision()).isEqualTo(Decision.BLOCKED);
        }

        @Test
        void expiryWithAutorenewOffIsFine() {
            Evaluation e = evaluate(tenant(sub("a").autoRenew(false).build()),
                    request("a").method(TransferMethod.EXPIRE_AND_REPURCHASE));

            assertThat(codes(e)).doesNotContain(AlertCode.AUTORENEW_ENABLED);
        }

        @Test
        void duplicationDoesNotCareAboutAutorenew() {
            Evaluation e = evaluate(tenant(sub("a").autoRenew(true).build()), request("a").method(TransferMethod.DUPLICATE));

            assertThat(codes(e)).doesNotContain(AlertCode.AUTORENEW_ENABLED);
        }
    }

    @Nested
    class OfferDiscontinued {

        @Test
        void aDiscontinuedOfferKeptAsTargetLosesData() {
            OfferCatalog c = catalog(offer(OFFER, OfferStatus.DISCONTINUED, EQUIVALENT), offer(EQUIVALENT, OfferStatus.AVAILABLE));

            Evaluation e = evaluate(tenant(sub("a").build()), request("a"), c);

            Finding f = finding(e, AlertCode.OFFER_DISCONTINUED);
            assertThat(f.severity()).isEqualTo(Severity.BLOCKING);
            assertThat(f.subscriptionIds()).containsExactly("a");
            assertThat(e.decision()).isEqualTo(Decision.BLOCKED);
        }

        @Test
        void theSameDiscontinuedOfferNamedExplicitlyIsStillAFinding() {
            OfferCatalog c = catalog(offer(OFFER, OfferStatus.DISCONTINUED));

            Evaluation e = evaluate(tenant(sub("a").build()), request().item("a", OFFER, 15), c);

            assertThat(codes(e)).containsExactly(AlertCode.OFFER_DISCONTINUED);
        }

        @Test
        void anAvailableEquivalentTargetIsFine() {
            OfferCatalog c = catalog(offer(OFFER, OfferStatus.DISCONTINUED, EQUIVALENT), offer(EQUIVALENT, OfferStatus.AVAILABLE));

            Evaluation e = evaluate(tenant(sub("a").build()), request().item("a", EQUIVALENT, null), c);

            assertThat(codes(e)).doesNotContain(AlertCode.OFFER_DISCONTINUED, AlertCode.LICENSE_REASSIGNMENT_REQUIRED);
            assertThat(e.decision()).isEqualTo(Decision.ALLOWED);
        }

        @Test
        void theEquivalenceMayBeNamedOnTheTargetOffer() {
            OfferCatalog c = catalog(offer(OFFER, OfferStatus.DISCONTINUED), offer(EQUIVALENT, OfferStatus.AVAILABLE, OFFER));

            Evaluation e = evaluate(tenant(sub("a").build()), request().item("a", EQUIVALENT, null), c);

            assertThat(codes(e)).doesNotContain(AlertCode.OFFER_DISCONTINUED, AlertCode.LICENSE_REASSIGNMENT_REQUIRED);
        }

        @Test
        void anEquivalentMissingFromTheCatalogCountsAsAvailable() {
            OfferCatalog c = catalog(offer(OFFER, OfferStatus.DISCONTINUED, EQUIVALENT));

            Evaluation e = evaluate(tenant(sub("a").build()), request().item("a", EQUIVALENT, null), c);

            assertThat(codes(e)).doesNotContain(AlertCode.OFFER_DISCONTINUED);
        }

        @Test
        void aDiscontinuedEquivalentTargetIsAFinding() {
            OfferCatalog c = catalog(offer(OFFER, OfferStatus.DISCONTINUED, EQUIVALENT), offer(EQUIVALENT, OfferStatus.DISCONTINUED));

            Evaluation e = evaluate(tenant(sub("a").build()), request().item("a", EQUIVALENT, null), c);

            assertThat(codes(e)).containsExactly(AlertCode.OFFER_DISCONTINUED);
        }

        @Test
        void anAvailableButUnrelatedTargetIsAFindingAndNeedsReassignment() {
            OfferCatalog c = catalog(offer(OFFER, OfferStatus.DISCONTINUED, EQUIVALENT), offer(OTHER_OFFER, OfferStatus.AVAILABLE));

            Evaluation e = evaluate(tenant(sub("a").build()), request().item("a", OTHER_OFFER, null), c);

            assertThat(codes(e)).containsExactly(AlertCode.OFFER_DISCONTINUED, AlertCode.LICENSE_REASSIGNMENT_REQUIRED);
        }

        @Test
        void anAvailableOfferIsFine() {
            OfferCatalog c = catalog(offer(OFFER, OfferStatus.AVAILABLE));

            Evaluation e = evaluate(tenant(sub("a").build()), request("a"), c);

            assertThat(codes(e)).doesNotContain(AlertCode.OFFER_DISCONTINUED);
        }

        @Test
        void anOfferMissingFromTheCatalogIsTakenAsAvailable() {
            Evaluation e = evaluate(tenant(sub("a").offer("UNKNOWN:0001").build()), request("a"), OfferCatalog.empty());

            assertThat(codes(e)).doesNotContain(AlertCode.OFFER_DISCONTINUED);
        }
    }

    @Nested
    class LicenseReassignmentRequired {

        @Test
        void aDifferentOfferNeedsReassignment() {
            Evaluation e = evaluate(tenant(sub("a").build(), sub("b").build()), request("a").item("b", OTHER_OFFER, null));

            Finding f = finding(e, AlertCode.LICENSE_REASSIGNMENT_REQUIRED);
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.subscriptionIds()).containsExactly("b");
            assertThat(e.decision()).isEqualTo(Decision.ALLOWED_WITH_WARNINGS);
        }

        @Test
        void aDifferentQuantityNeedsReassignment() {
            Evaluation e = evaluate(tenant(sub("a").quantity(15).build()), request().item("a", OFFER, 20));

            assertThat(finding(e, AlertCode.LICENSE_REASSIGNMENT_REQUIRED).subscriptionIds()).containsExactly("a");
            assertThat(e.decision()).isEqualTo(Decision.ALLOWED_WITH_WARNINGS);
        }

        @Test
        void aQuantityForASubscriptionWithoutOneDiffers() {
            Evaluation e = evaluate(tenant(sub("a").quantity(null).build()), request().item("a", null, 15));

            assertThat(codes(e)).containsExactly(AlertCode.LICENSE_REASSIGNMENT_REQUIRED);
        }

        @Test
        void theSameOfferAndQuantityNeedNothing() {
            Evaluation explicit = evaluate(tenant(sub("a").quantity(15).build()), request().item("a", OFFER, 15));
            Evaluation defaulted = evaluate(tenant(sub("a").quantity(15).build()), request().item("a", null, null));

            assertThat(codes(explicit)).doesNotContain(AlertCode.LICENSE_REASSIGNMENT_REQUIRED);
            assertThat(codes(defaulted)).doesNotContain(AlertCode.LICENSE_REASSIGNMENT_REQUIRED);
        }

        @Test
        void anEquivalentOfferWithTheSameQuantityNeedsNothing() {
            OfferCatalog c = catalog(offer(OFFER, OfferStatus.AVAILABLE, EQUIVALENT));

            Evaluation e = evaluate(tenant(sub("a").build()), request().item("a", EQUIVALENT, 15), c);

            assertThat(codes(e)).doesNotContain(AlertCode.LICENSE_REASSIGNMENT_REQUIRED);
        }

        @Test
        void anEquivalentOfferWithAnotherQuantityNeedsReassignment() {
            OfferCatalog c = catalog(offer(OFFER, OfferStatus.AVAILABLE, EQUIVALENT));

            Evaluation e = evaluate(tenant(sub("a").build()), request().item("a", EQUIVALENT, 14), c);

            assertThat(codes(e)).containsExactly(AlertCode.LICENSE_REASSIGNMENT_REQUIRED);
        }
    }

    @Nested
    class NoRefundOnCancellation {

        @Test
        void endingExactlyThirtyDaysAfterTheRequestIsFine() {
            Instant edge = REQUESTED_AT.plus(Duration.ofDays(30));

            Evaluation e = evaluate(tenant(sub("a").endsAt(edge).build()), request("a"));

            assertThat(codes(e)).doesNotContain(AlertCode.NO_REFUND_ON_CANCELLATION);
        }

        @Test
        void endingOneSecondLaterLosesMoney() {
            Instant late = REQUESTED_AT.plus(Duration.ofDays(30)).plusSeconds(1);

            Evaluation e = evaluate(tenant(sub("a").build(), sub("b").endsAt(late).build()), request("a", "b"));

            Finding f = finding(e, AlertCode.NO_REFUND_ON_CANCELLATION);
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.subscriptionIds()).containsExactly("b");
            assertThat(f.message()).contains("30 days");
            assertThat(e.decision()).isEqualTo(Decision.ALLOWED_WITH_WARNINGS);
        }

        @Test
        void theCommitmentEndDateIsInclusive() {
            // The 22nd ends at 2026-12-23T00:00Z, the 23rd (inclusive) at 2026-12-24T00:00Z.
            Instant midnightRequest = Instant.parse("2026-11-23T00:00:00Z"); // window ends 2026-12-23T00:00:00Z
            TenantSnapshot t = tenant(sub("day22").endDate(LocalDate.of(2026, 12, 22)).build(),
                    sub("day23").endDate(LocalDate.of(2026, 12, 23)).build());

            Evaluation fromMidnight = evaluate(t, request("day22", "day23").requestedAt(midnightRequest));
            Evaluation fromMorning = evaluate(t, request("day22", "day23"));

            // the 22nd ends exactly when the window does; the 23rd runs through all of that day
            assertThat(finding(fromMidnight, AlertCode.NO_REFUND_ON_CANCELLATION).subscriptionIds()).containsExactly("day23");
            // window ends 2026-12-23T10:15:30Z: the 23rd is still running then
            assertThat(finding(fromMorning, AlertCode.NO_REFUND_ON_CANCELLATION).subscriptionIds()).containsExactly("day23");
        }

        @Test
        void measuredFromTheRequestNotFromNow() {
            Instant end = REQUESTED_AT.plus(Duration.ofDays(40));
            Evaluation later = DomainFixtures.EVALUATOR.evaluate(tenant(sub("a").endsAt(end).build()), request("a").build(),
                    OfferCatalog.empty(), REQUESTED_AT.plus(Duration.ofDays(20)));

            assertThat(codes(later)).containsExactly(AlertCode.NO_REFUND_ON_CANCELLATION);
        }

        @Test
        void expiryMovesCancelNothing() {
            Instant far = REQUESTED_AT.plus(Duration.ofDays(300));

            Evaluation e = evaluate(tenant(sub("a").endsAt(far).build()),
                    request("a").method(TransferMethod.EXPIRE_AND_REPURCHASE));

            assertThat(codes(e)).doesNotContain(AlertCode.NO_REFUND_ON_CANCELLATION);
        }

        @Test
        void aSubscriptionWithoutEndDateRaisesNothing() {
            Evaluation e = evaluate(tenant(sub("a").endDate(null).build()), request("a"));

            assertThat(codes(e)).doesNotContain(AlertCode.NO_REFUND_ON_CANCELLATION);
        }

        @Test
        void theWindowIsASetting() {
            GuardPolicy d = GuardPolicy.defaults();
            TransferEvaluator week = new TransferEvaluator(new GuardPolicy(d.tenantMaximum(), d.duplicationThreshold(),
                    d.countedStatuses(), Duration.ofDays(7), d.transferMaxAge(), d.termEndingLead(),
                    d.graceEndingAfter(), d.repurchaseDeadline()));
            TenantSnapshot t = tenant(sub("a").endsAt(REQUESTED_AT.plus(Duration.ofDays(8))).build());

            assertThat(codes(week.evaluate(t, request("a").build(), OfferCatalog.empty(), NOW)))
                    .containsExactly(AlertCode.NO_REFUND_ON_CANCELLATION);
            assertThat(codes(evaluate(t, request("a")))).isEmpty();
        }
    }

    @Nested
    class DataMigrationRequired {

        @Test
        void tenantToTenantMovesNeedDataMigration() {
            Evaluation e = evaluate(tenant(sub("a").build()), request("a").type(TransferType.TENANT_TO_TENANT));

            Finding f = finding(e, AlertCode.DATA_MIGRATION_REQUIRED);
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.subscriptionIds()).isEmpty();
            assertThat(e.decision()).isEqualTo(Decision.ALLOWED_WITH_WARNINGS);
        }

        @ParameterizedTest
        @EnumSource(value = TransferType.class, names = "TENANT_TO_TENANT", mode = EnumSource.Mode.EXCLUDE)
        void otherMovesKeepTheData(TransferType type) {
            Evaluation e = evaluate(tenant(sub("a").build()), request("a").type(type));

            assertThat(codes(e)).doesNotContain(AlertCode.DATA_MIGRATION_REQUIRED);
        }
    }

    @Nested
    class CreditMayApply {

        @Test
        void directPurchasesMayEarnACredit() {
            Evaluation e = evaluate(tenant(sub("a").build(), sub("b").channel(Channel.DIRECT).build()), request("a", "b"));

            Finding f = finding(e, AlertCode.CREDIT_MAY_APPLY);
            assertThat(f.severity()).isEqualTo(Severity.INFO);
            assertThat(f.subscriptionIds()).containsExactly("b");
            assertThat(e.decision()).isEqualTo(Decision.ALLOWED);
        }

        @Test
        void whoCallsSupportDependsOnDelegatedAdminAccess() {
            TenantSnapshot t = tenant(sub("a").channel(Channel.DIRECT).build());

            Finding withDap = finding(evaluate(t, request("a").delegatedAdminAccess(true)), AlertCode.CREDIT_MAY_APPLY);
            Finding withoutDap = finding(evaluate(t, request("a").delegatedAdminAccess(false)), AlertCode.CREDIT_MAY_APPLY);

            assertThat(withDap.remediation()).isNotEqualTo(withoutDap.remediation());
            assertThat(withDap.remediation()).contains("delegated admin access").contains("on the customer's behalf");
            assertThat(withoutDap.remediation()).contains("customer must contact");
            assertThat(withDap.message()).isEqualTo(withoutDap.message());
        }

        @ParameterizedTest
        @EnumSource(value = Channel.class, names = "DIRECT", mode = EnumSource.Mode.EXCLUDE)
        void otherChannelsEarnNoCredit(Channel channel) {
            Evaluation e = evaluate(tenant(sub("a").channel(channel).build()), request("a"));

            assertThat(codes(e)).doesNotContain(AlertCode.CREDIT_MAY_APPLY);
        }
    }

    @Nested
    class FindingsShape {

        @Test
        void oneFindingPerCodeListingItsSubscriptionsInLineItemOrder() {
            Evaluation e = evaluate(tenant(sub("c").channel(Channel.DIRECT).build(), sub("a").channel(Channel.DIRECT).build(),
                    sub("b").build()), request("c", "b", "a"));

            assertThat(e.findings()).hasSize(1);
            assertThat(finding(e, AlertCode.CREDIT_MAY_APPLY).subscriptionIds()).containsExactly("c", "a");
        }

        @Test
        void findingsComeInTheOrderOfTheAlertTable() {
            OfferCatalog c = catalog(offer(OFFER, OfferStatus.DISCONTINUED));
            TenantSnapshot t = tenant(400, "DE",
                    sub("s-0").channel(Channel.DIRECT).endsAt(REQUESTED_AT.plus(Duration.ofDays(90))).build(),
                    sub("s-1").status(SubscriptionStatus.DELETED).build());

            Evaluation e = evaluate(t, request().item("s-0", null, 99).item("s-1").item("ghost")
                    .role("HELPDESK_AGENT").targetCountry("FR").type(TransferType.TENANT_TO_TENANT), c);

            assertThat(codes(e)).containsExactly(
                    AlertCode.ROLE_NOT_PERMITTED,
                    AlertCode.REGION_MISMATCH,
                    AlertCode.TENANT_LIMIT_EXCEEDED,
                    AlertCode.SUBSCRIPTION_NOT_FOUND,
                    AlertCode.SUBSCRIPTION_NOT_TRANSFERABLE,
                    AlertCode.OFFER_DISCONTINUED,
                    AlertCode.LICENSE_REASSIGNMENT_REQUIRED,
                    AlertCode.NO_REFUND_ON_CANCELLATION,
                    AlertCode.DATA_MIGRATION_REQUIRED,
                    AlertCode.CREDIT_MAY_APPLY);
            assertThat(e.findings()).allSatisfy(f -> assertThat(f.severity()).isEqualTo(f.code().severity()));
            assertThat(e.decision()).isEqualTo(Decision.BLOCKED);
        }
    }
}
