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

    /**
     * True when a new revision is owed: the decision differs, or the findings differ in code or
     * subscriptions. Message texts carry numbers that move with every event, so they do not count.
     */
    public boolean outcomeDiffers(Evaluation other) {
        return other == null || decision != other.decision || !findingKeys().equals(other.findingKeys());
    }

    private List<String> findingKeys() {
        return findings.stream().map(f -> f.code() + ":" + f.subscriptionIds()).toList();
    }
}
