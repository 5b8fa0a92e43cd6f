package com.cspguard.domain.planning;

import com.cspguard.domain.Finding;
import com.cspguard.domain.Severity;

import java.util.List;

/**
 * A blocker or warning of a plan, in the shape of the decisions' findings. The code is the
 * evaluator's alert code when the finding is the evaluator's, or one of the planner's own codes
 * ({@link PlanTexts}): those describe the plan, never a transfer request, so they are not alert codes.
 */
public record PlanFinding(String code, Severity severity, List<String> subscriptionIds, String message,
                          String remediation) {

    public PlanFinding {
        subscriptionIds = List.copyOf(subscriptionIds);
    }

    static PlanFinding of(Finding f) {
        return new PlanFinding(f.code().name(), f.severity(), f.subscriptionIds(), f.message(), f.remediation());
    }

    static PlanFinding of(Finding f, List<String> subscriptionIds) {
        return new PlanFinding(f.code().name(), f.severity(), subscriptionIds, f.message(), f.remediation());
    }
}
