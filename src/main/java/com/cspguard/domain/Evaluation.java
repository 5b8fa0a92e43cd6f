package com.cspguard.domain;

import java.time.Instant;
import java.util.List;

/** What {@link TransferEvaluator} says about one transfer request at one moment. */
public record Evaluation(
        String transferId,
        String customerTenantId,
        Decision decision,
        Instant evaluatedAt,
        int countedSubscriptions,
        int duplicatedSubscriptions,
        int projectedSubscriptions,
        int tenantMaximum,
        int duplicationThreshold,
        List<Finding> findings) {

    public Evaluation {
        findings = List.copyOf(findings);
    }

    /** True when a new revision is owed: the decision or its findings differ. */
    public boolean outcomeDiffers(Evaluation other) {
        return other == null || decision != other.decision || !findings.equals(other.findings);
    }
}
