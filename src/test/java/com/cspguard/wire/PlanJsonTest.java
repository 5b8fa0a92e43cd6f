package com.cspguard.wire;

import com.cspguard.domain.AlertCode;
import com.cspguard.domain.Finding;
import com.cspguard.domain.TransferRequest.TransferMethod;
import com.cspguard.domain.planning.PlanStep;
import com.cspguard.domain.planning.PlannedSubscription;
import com.cspguard.domain.planning.StepType;
import com.cspguard.domain.planning.TransferPlan;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PlanJsonTest {
    private static final LocalDate D = LocalDate.of(2027, 3, 30);

    @Test
    void thePlanIsWrittenFieldForFieldWithNullsWhereAFieldDoesNotApply() throws Exception {
        TransferPlan plan = new TransferPlan("t-1", "p-2", LocalDate.of(2026, 12, 1), LocalDate.of(2027, 3, 31),
                170, 300, 0, 130,
                List.of(new PlanStep(StepType.REPURCHASE, LocalDate.of(2027, 2, 1), LocalDate.of(2027, 3, 2), null, List.of("a"), 170),
                        new PlanStep(StepType.DUPLICATE, D, null, 1, List.of("b"), 171)),
                List.of(new PlannedSubscription("b", "O:1", "O:2", 10, LocalDate.of(2027, 10, 31), TransferMethod.DUPLICATE,
                        null, null, null, 1, D, D.plusDays(1), 214, 2140, "why")),
                new TransferPlan.Totals(171, Map.of(TransferMethod.DUPLICATE, 1, TransferMethod.EXPIRE_AND_REPURCHASE, 0),
                        1, 1, 2140, null),
                List.of(Finding.of(AlertCode.OFFER_DISCONTINUED, List.of("c"), "m", "r")), List.of());
        assertThat(Json.MAPPER.readTree(PlanJson.plan(plan).toString())).isEqualTo(Json.MAPPER.readTree("""
                {"customerTenantId":"t-1","targetPartnerTenantId":"p-2","startDate":"2026-12-01","deadline":"2027-03-31",
                 "countedSubscriptions":170,"tenantMaximum":300,"batchMargin":0,"batchCapacity":130,
                 "steps":[
                  {"type":"REPURCHASE","date":"2027-02-01","windowFrom":"2027-02-01","windowTo":"2027-03-02","batch":null,
                   "subscriptionIds":["a"],"projectedCount":170},
                  {"type":"DUPLICATE","date":"2027-03-30","windowFrom":null,"windowTo":null,"batch":1,
                   "subscriptionIds":["b"],"projectedCount":171}],
                 "subscriptions":[
                  {"subscriptionId":"b","offerId":"O:1","targetOfferId":"O:2","quantity":10,"termEndDate":"2027-10-31",
                   "method":"DUPLICATE","disableAutorenewOn":null,"repurchaseFrom":null,"repurchaseTo":null,"batch":1,
                   "duplicateOn":"2027-03-30","cancelSourceOn":"2027-03-31","paidDaysLost":214,"licenceDaysLost":2140,
                   "reason":"why"}],
                 "totals":{"peakProjectedCount":171,"byMethod":{"DUPLICATE":1,"EXPIRE_AND_REPURCHASE":0,"PARTNER_TRANSFER":0},"blocked":1,
                   "batches":1,"licenceDaysLost":2140,"earliestDataLossDeadline":null},
                 "blockers":[{"code":"OFFER_DISCONTINUED","severity":"BLOCKING","subscriptionIds":["c"],"message":"m","remediation":"r"}],
                 "warnings":[]}"""));
    }
}
