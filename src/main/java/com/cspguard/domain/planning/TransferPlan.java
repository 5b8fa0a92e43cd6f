package com.cspguard.domain.planning;

import com.cspguard.domain.Finding;
import com.cspguard.domain.TransferRequest.TransferMethod;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A dated plan to move a tenant's subscriptions.
 *
 * @param countedSubscriptions the tenant's count when planned, where the projected counts start
 * @param batchCapacity        most subscriptions one DUPLICATE batch may hold; 0 when nothing is duplicated
 * @param steps                in date order; within a day in {@link StepType} order, then by first subscription id
 * @param subscriptions        every planned subscription, sorted by id
 * @param blockers             BLOCKING findings for the subscriptions that cannot be moved; each is
 *                             named in a blocker and in no step
 * @param warnings             non-blocking findings of the evaluator on the planned move
 */
public record TransferPlan(
        String customerTenantId,
        String targetPartnerTenantId,
        LocalDate startDate,
        LocalDate deadline,
        int countedSubscriptions,
        int tenantMaximum,
        int batchMargin,
        int batchCapacity,
        List<PlanStep> steps,
        List<PlannedSubscription> subscriptions,
        Totals totals,
        List<Finding> blockers,
        List<Finding> warnings) {

    public TransferPlan {
        steps = List.copyOf(steps);
        subscriptions = List.copyOf(subscriptions);
        blockers = List.copyOf(blockers);
        warnings = List.copyOf(warnings);
    }

    /**
     * @param peakProjectedCount        highest projected count over the plan (at least the current count)
     * @param byMethod                  planned subscriptions per method, both methods always present
     * @param blocked                   subscriptions reported as blockers
     * @param batches                   number of DUPLICATE batches
     * @param licenceDaysLost           sum of the subscriptions' licence-days lost
     * @param earliestDataLossDeadline  the first day after which some expiring subscription's data is
     *                                  lost unless repurchased (the earliest repurchase window end); null without expiries
     */
    public record Totals(int peakProjectedCount, Map<TransferMethod, Integer> byMethod, int blocked, int batches,
                         long licenceDaysLost, LocalDate earliestDataLossDeadline) {
        public Totals {
            byMethod = Map.copyOf(byMethod);
        }
    }
}
