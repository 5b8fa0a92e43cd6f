package com.cspguard.domain.planning;

import com.cspguard.domain.AlertCode;
import com.cspguard.domain.Finding;
import com.cspguard.domain.GuardPolicy;
import com.cspguard.domain.Severity;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

/**
 * The findings only the planner makes, worded like the evaluator's. Blockers reuse the alert codes
 * whose meaning they share; the warnings about the plan's own dates have codes of their own
 * ({@link #REPURCHASE_AFTER_DEADLINE}, {@link #AUTORENEW_OFF_ON_LAST_DAY}), and a source the plan
 * cannot cancel is the contract's CANCELLATION_NOT_POSSIBLE.
 */
final class PlanTexts {
    private PlanTexts() { }

    /** Planner-only warning: a repurchase window runs past the deadline. */
    static final String REPURCHASE_AFTER_DEADLINE = "REPURCHASE_AFTER_DEADLINE";
    /** Planner-only warning: autorenew is turned off on the last day of the term. */
    static final String AUTORENEW_OFF_ON_LAST_DAY = "AUTORENEW_OFF_ON_LAST_DAY";
    /** The contract's code for a new-commerce source past its cancellation window. */
    static final String CANCELLATION_NOT_POSSIBLE = "CANCELLATION_NOT_POSSIBLE";

    private static String which(List<String> ids) {
        return ids.size() == 1 ? "Subscription " + ids.get(0) : ids.size() + " subscriptions " + ids;
    }

    private static PlanFinding blocker(AlertCode code, List<String> ids, String message, String remediation) {
        return PlanFinding.of(Finding.of(code, ids, message, remediation));
    }

    static PlanFinding noRoomToDuplicate(List<String> ids, int counted, int reserved, GuardPolicy policy,
                                         PlannerSettings settings) {
        return blocker(AlertCode.TENANT_LIMIT_EXCEEDED, ids,
                which(ids) + " end after the deadline and would have to be duplicated, but the tenant counts "
                        + counted + (reserved > 0 ? " (plus " + reserved + " the plan adds for good: expired ones "
                        + "bought again, sources that cannot be cancelled)" : "")
                        + ", which leaves no room below the tenant maximum of " + policy.tenantMaximum()
                        + (settings.batchMargin() > 0 ? " minus the planner's margin of " + settings.batchMargin() : "")
                        + " for even one duplicate (Partner Center error 800066).",
                "Choose a deadline on or after their term end dates so they move by expiry, or lower the tenant's "
                        + "count first (cancel or let expire subscriptions that are not moved).");
    }

    static PlanFinding gracePeriodOver(List<String> ids, int graceDays) {
        return blocker(AlertCode.SUBSCRIPTION_NOT_TRANSFERABLE, ids,
                which(ids) + " ended more than " + graceDays + " days before the start date; the grace period "
                        + "for a repurchase is over and their data is lost.",
                "Buy new subscriptions for these users instead; there is nothing left to move.");
    }

    static PlanFinding noRoomToAddForGood(List<String> ids, int counted, boolean otherTenant, GuardPolicy policy,
                                          PlannerSettings settings) {
        String where = otherTenant
                ? " are bought again in the target tenant, which counts " + counted + " with what the plan already puts there,"
                : " would add to the tenant's count for good (expired ones bought again, or new-commerce sources that "
                        + "cannot be cancelled and keep counting), and the tenant counts " + counted + " with them so far,";
        return blocker(AlertCode.TENANT_LIMIT_EXCEEDED, ids,
                which(ids) + where + " so there is no room left below the tenant maximum of " + policy.tenantMaximum()
                        + (settings.batchMargin() > 0 ? " minus the planner's margin of " + settings.batchMargin() : "")
                        + " (Partner Center error 800066).",
                "Lower the count of the tenant that receives them first (cancel or let expire subscriptions that are "
                        + "not moved), then plan again.");
    }

    static PlanFinding repurchaseAfterDeadline(List<String> ids, LocalDate deadline, LocalDate latest) {
        return new PlanFinding(REPURCHASE_AFTER_DEADLINE, Severity.WARNING, ids,
                which(ids) + " expire by the deadline " + deadline + ", but their repurchase windows run past it (the "
                        + "last one to " + latest + "): the target may still be buying them after the deadline, and "
                        + "each one's data is lost if it is not repurchased by the end of its window.",
                "Agree with the target partner to repurchase each one early in its window, or plan with a deadline "
                        + "after " + latest + " if the move must be complete by then.");
    }

    static PlanFinding autorenewOffOnLastDay(List<String> ids, LocalDate day) {
        return new PlanFinding(AUTORENEW_OFF_ON_LAST_DAY, Severity.WARNING, ids,
                which(ids) + " must have autorenew turned off on " + day + ", the last day of the term: a renewal "
                        + "processed that day or before the change takes effect starts a new term, and the "
                        + "subscription no longer expires.",
                "Turn autorenew off today if possible, and check the next day that the subscription has not renewed.");
    }

    static PlanFinding cancellationNotPossible(List<String> ids, Duration window, LocalDate deadline) {
        return new PlanFinding(CANCELLATION_NOT_POSSIBLE, Severity.WARNING, ids,
                which(ids) + " are new-commerce subscriptions whose cancellation window (" + window.toDays()
                        + " days from purchase or renewal, or refundableUntil) is closed on the deadline " + deadline
                        + ": the plan duplicates them but does not cancel them; each keeps counting, and is billed, "
                        + "until its term ends, with autorenew off.",
                "Move them partner to partner with PARTNER_TRANSFER (nothing counted twice), or choose a deadline "
                        + "after their term ends so that they move by expiry.");
    }
}
