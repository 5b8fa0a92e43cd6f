package com.cspguard.domain.planning;

import com.cspguard.domain.AlertCode;
import com.cspguard.domain.Finding;
import com.cspguard.domain.GuardPolicy;

import java.util.List;

/** The blockers only the planner finds, worded like the evaluator's findings. */
final class PlanTexts {
    private PlanTexts() { }

    private static String which(List<String> ids) {
        return ids.size() == 1 ? "Subscription " + ids.get(0) : ids.size() + " subscriptions " + ids;
    }

    static Finding noRoomToDuplicate(List<String> ids, int counted, int reserved, GuardPolicy policy,
                                     PlannerSettings settings) {
        return Finding.of(AlertCode.TENANT_LIMIT_EXCEEDED, ids,
                which(ids) + " end after the deadline and would have to be duplicated, but the tenant counts "
                        + counted + (reserved > 0 ? " (plus " + reserved + " expired ones the plan repurchases)" : "")
                        + ", which leaves no room below the tenant maximum of " + policy.tenantMaximum()
                        + (settings.batchMargin() > 0 ? " minus the planner's margin of " + settings.batchMargin() : "")
                        + " for even one duplicate (Partner Center error 800066).",
                "Choose a deadline on or after their term end dates so they move by expiry, or lower the tenant's "
                        + "count first (cancel or let expire subscriptions that are not moved).");
    }

    static Finding gracePeriodOver(List<String> ids, int graceDays) {
        return Finding.of(AlertCode.SUBSCRIPTION_NOT_TRANSFERABLE, ids,
                which(ids) + " ended more than " + graceDays + " days before the start date; the grace period "
                        + "for a repurchase is over and their data is lost.",
                "Buy new subscriptions for these users instead; there is nothing left to move.");
    }

    static Finding noRoomToBuyAgain(List<String> ids, int counted, GuardPolicy policy, PlannerSettings settings) {
        return Finding.of(AlertCode.TENANT_LIMIT_EXCEEDED, ids,
                which(ids) + " no longer count, so the target's new copies add to the tenant's "
                        + counted + " counted subscriptions, and there is no room left below the tenant maximum of "
                        + policy.tenantMaximum()
                        + (settings.batchMargin() > 0 ? " minus the planner's margin of " + settings.batchMargin() : "")
                        + " (Partner Center error 800066).",
                "Lower the tenant's count first (cancel or let expire subscriptions that are not moved), then plan again.");
    }
}
