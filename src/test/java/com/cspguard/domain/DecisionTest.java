package com.cspguard.domain;

import com.cspguard.domain.TransferRequest.TransferMethod;
import com.cspguard.domain.TransferRequest.TransferType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.cspguard.domain.DomainFixtures.evaluate;
import static com.cspguard.domain.DomainFixtures.ids;
import static com.cspguard.domain.DomainFixtures.request;
import static com.cspguard.domain.DomainFixtures.sub;
import static com.cspguard.domain.DomainFixtures.subs;
import static com.cspguard.domain.DomainFixtures.tenant;
import static org.assertj.core.api.Assertions.assertThat;

/** How findings become a decision, and the counts every decision carries. */
class DecisionTest {

    private static Finding of(AlertCode code) {
        return Finding.of(code, List.of(), "m", "r");
    }

    @Test
    void noFindingsAllow() {
        assertThat(Decision.of(List.of())).isEqualTo(Decision.ALLOWED);
    }

    @Test
    void infoAloneAllows() {
        assertThat(Decision.of(List.of(of(AlertCode.CREDIT_MAY_APPLY)))).isEqualTo(Decision.ALLOWED);
    }

    @Test
    void aWarningAllowsWithWarnings() {
        assertThat(Decision.of(List.of(of(AlertCode.CREDIT_MAY_APPLY), of(AlertCode.NO_REFUND_ON_CANCELLATION))))
                .isEqualTo(Decision.ALLOWED_WITH_WARNINGS);
    }

    @Test
    void anyBlockingFindingBlocksWhateverItsPosition() {
        assertThat(Decision.of(List.of(of(AlertCode.DATA_MIGRATION_REQUIRED), of(AlertCode.CREDIT_MAY_APPLY),
                of(AlertCode.OFFER_DISCONTINUED)))).isEqualTo(Decision.BLOCKED);
        assertThat(Decision.of(List.of(of(AlertCode.ROLE_NOT_PERMITTED), of(AlertCode.DATA_MIGRATION_REQUIRED))))
                .isEqualTo(Decision.BLOCKED);
    }

    @Test
    void findingOfTakesTheSeverityOfItsCode() {
        for (AlertCode code : AlertCode.values()) {
            assertThat(of(code).severity()).isEqualTo(code.severity());
        }
    }

    @Test
    void theEvaluatorAggregatesTheSameWay() {
        TenantSnapshot direct = tenant(sub("a").channel(Channel.DIRECT).build());

        Evaluation info = evaluate(direct, request("a"));
        Evaluation warning = evaluate(direct, request("a").type(TransferType.TENANT_TO_TENANT));
        Evaluation blocked = evaluate(direct, request("a").type(TransferType.TENANT_TO_TENANT).role("HELPDESK_AGENT"));

        assertThat(info.decision()).isEqualTo(Decision.ALLOWED);
        assertThat(info.findings()).isNotEmpty();
        assertThat(warning.decision()).isEqualTo(Decision.ALLOWED_WITH_WARNINGS);
        assertThat(blocked.decision()).isEqualTo(Decision.BLOCKED);
    }

    @Test
    void duplicationCountsEveryLineItem() {
        Evaluation e = evaluate(tenant(42, "DE", subs(3)), request(ids(3)).method(TransferMethod.DUPLICATE));

        assertThat(e.countedSubscriptions()).isEqualTo(42);
        assertThat(e.duplicatedSubscriptions()).isEqualTo(3);
        assertThat(e.projectedSubscriptions()).isEqualTo(45);
    }

    @Test
    void lineItemsTheTenantDoesNotHaveStillCountAsDuplicated() {
        Evaluation e = evaluate(tenant(42, "DE", subs(1)), request("s-0", "ghost-1", "ghost-2"));

        assertThat(e.duplicatedSubscriptions()).isEqualTo(3);
        assertThat(e.projectedSubscriptions()).isEqualTo(45);
    }

    @Test
    void expiryDuplicatesNothing() {
        Evaluation e = evaluate(tenant(42, "DE", subs(3)), request(ids(3)).method(TransferMethod.EXPIRE_AND_REPURCHASE));

        assertThat(e.countedSubscriptions()).isEqualTo(42);
        assertThat(e.duplicatedSubscriptions()).isZero();
        assertThat(e.projectedSubscriptions()).isEqualTo(42);
    }

    @Test
    void duplicatedSubscriptionsIsPublic() {
        assertThat(TransferEvaluator.duplicatedSubscriptions(request(ids(5)).build())).isEqualTo(5);
        assertThat(TransferEvaluator.duplicatedSubscriptions(
                request(ids(5)).method(TransferMethod.EXPIRE_AND_REPURCHASE).build())).isZero();
    }
}
