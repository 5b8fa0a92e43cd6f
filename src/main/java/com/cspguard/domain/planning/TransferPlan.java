package com.cspguard.domain.planning;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A dated plan to move a tenant's subscriptions.
 *
 * @param countedSubscriptions       the tenant's count when planned, where the projected counts start
 * @param targetCountedSubscriptions TENANT_TO_TENANT: the target tenant's count the plan starts from; else null
 * @param batchCapacity              most subscriptions one DUPLICATE batch may hold; 0 when nothing is duplicated
 * @param steps                      in date order; within a day in {@link StepType} order, then by first subscription id
 * @param subscriptions              every planned subscription, sorted by id
 * @param alreadyWithTarget          subscriptions the target partner already holds: nothing to move, not planned
 * @param blockers                   BLOCKING findings for the subscriptions that cannot be moved, one per code;
 *                                   each subscription named in a blocker is in no step
 * @param warnings                   non-blocking findings on the planned move, one per code
 */
public record TransferPlan(
        String customerTenantId,
        String targetPartnerTenantId,
        LocalDate startDate,
        LocalDate deadline,
        int countedSubscriptions,
        Integer targetCountedSubscriptions,
        int tenantMaximum,
        int batchMargin,
        int batchCapacity,
        List<PlanStep> steps,
        List<PlannedSubscription> subscriptions,
        List<String> alreadyWithTarget,
        Totals totals,
        List<PlanFinding> blockers,
        List<PlanFinding> warnings) {

    public TransferPlan {
        steps = List.copyOf(steps);
        subscriptions = List.copyOf(subscriptions);
        alreadyWithTarget = List.copyOf(alreadyWithTarget);
        blockers = List.copyOf(blockers);
        warnings = List.copyOf(warnings);
    }

    /**
     * @param peakProjectedCount        highest projected count over the plan (at least the current count);
     *                                  for TENANT_TO_TENANT the higher of both tenants' peaks
     * @param byMethod                  planned subscriptions per method, every method always present
     * @param blocked                   subscriptions reported as blockers
     * @param batches                   number of DUPLICATE batches
     * @param partnerTransfers          number of PARTNER_TRANSFER steps
     * @param licenceDaysLost           sum of the subscriptions' known licence-days lost
     * @param lossUnknown               duplicated subscriptions whose term end, so whose loss, is unknown
     *                                  (not counted in {@code licenceDaysLost})
     * @param earliestDataLossDeadline  the first day after which some expiring subscription's data is
     *                                  lost unless repurchased (the earliest repurchase window end); null without expiries
     */
    public record Totals(int peakProjectedCount, Map<PlanMethod, Integer> byMethod, int blocked, int batches,
                         int partnerTransfers, long licenceDaysLost, int lossUnknown,
                         LocalDate earliestDataLossDeadline) {
        public Totals {
            byMethod = Map.copyOf(byMethod);
        }
    }
}
