package com.cspguard.wire;

import com.cspguard.domain.Severity;
import com.cspguard.domain.planning.PlanFinding;
import com.cspguard.domain.planning.PlanMethod;
import com.cspguard.domain.planning.PlanStep;
import com.cspguard.domain.planning.StepActor;
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
                170, null, 300, 0, 130,
                List.of(new PlanStep(StepType.REPURCHASE, StepActor.TARGET_PARTNER, null, LocalDate.of(2027, 2, 1),
                                LocalDate.of(2027, 3, 2), null, List.of("a"), 170, null),
                        new PlanStep(StepType.DUPLICATE, StepActor.TARGET_PARTNER, null, D, null, 1, List.of("b"), 171, null),
                        new PlanStep(StepType.CANCEL_SOURCE, StepActor.SOURCE_PARTNER, "p-1", D.plusDays(1), null, 1,
                                List.of("b"), 170, null)),
                List.of(new PlannedSubscription("b", "O:1", "O:2", "LEGACY", 10, LocalDate.of(2027, 10, 31),
                        PlanMethod.DUPLICATE, null, null, null, 1, null, D, D.plusDays(1), 214L, 2140L, "why")),
                List.of("d"),
                new TransferPlan.Totals(171, Map.of(PlanMethod.DUPLICATE, 1, PlanMethod.EXPIRE_AND_REPURCHASE, 0,
                        PlanMethod.PARTNER_TRANSFER, 0), 1, 1, 0, 2140, 0, null),
                List.of(new PlanFinding("OFFER_DISCONTINUED", Severity.BLOCKING, List.of("c"), "m", "r")), List.of());
        assertThat(Json.MAPPER.readTree(PlanJson.plan(plan).toString())).isEqualTo(Json.MAPPER.readTree("""
                {"customerTenantId":"t-1","targetPartnerTenantId":"p-2","startDate":"2026-12-01","deadline":"2027-03-31",
                 "countedSubscriptions":170,"targetCountedSubscriptions":null,"tenantMaximum":300,"batchMargin":0,
                 "batchCapacity":130,
                 "steps":[
                  {"type":"REPURCHASE","actor":"TARGET_PARTNER","sourcePartnerTenantId":null,"date":"2027-02-01",
                   "windowFrom":"2027-02-01","windowTo":"2027-03-02","batch":null,
                   "subscriptionIds":["a"],"projectedCount":170,"targetProjectedCount":null},
                  {"type":"DUPLICATE","actor":"TARGET_PARTNER","sourcePartnerTenantId":null,"date":"2027-03-30",
                   "windowFrom":null,"windowTo":null,"batch":1,
                   "subscriptionIds":["b"],"projectedCount":171,"targetProjectedCount":null},
                  {"type":"CANCEL_SOURCE","actor":"SOURCE_PARTNER","sourcePartnerTenantId":"p-1","date":"2027-03-31",
                   "windowFrom":null,"windowTo":null,"batch":1,
                   "subscriptionIds":["b"],"projectedCount":170,"targetProjectedCount":null}],
                 "subscriptions":[
                  {"subscriptionId":"b","offerId":"O:1","targetOfferId":"O:2","commerceType":"LEGACY","quantity":10,
                   "termEndDate":"2027-10-31","method":"DUPLICATE","disableAutorenewOn":null,"repurchaseFrom":null,
                   "repurchaseTo":null,"batch":1,"transferOn":null,
                   "duplicateOn":"2027-03-30","cancelSourceOn":"2027-03-31","paidDaysLost":214,"licenceDaysLost":2140,
                   "reason":"why"}],
                 "alreadyWithTarget":["d"],
                 "totals":{"peakProjectedCount":171,"byMethod":{"PARTNER_TRANSFER":0,"DUPLICATE":1,"EXPIRE_AND_REPURCHASE":0},
                   "blocked":1,"batches":1,"partnerTransfers":0,"licenceDaysLost":2140,"lossUnknown":0,
                   "earliestDataLossDeadline":null},
                 "blockers":[{"code":"OFFER_DISCONTINUED","severity":"BLOCKING","subscriptionIds":["c"],"message":"m","remediation":"r"}],
                 "warnings":[]}"""));
    }
}
