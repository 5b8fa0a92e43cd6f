package com.cspguard.domain;

import java.time.Instant;
import java.util.List;

/**
 * What {@link TransferEvaluator} says about one transfer request at one moment.
 *
 * @param otherOpenDuplications line items of the tenant's other open DUPLICATE requests: room under the
 *                              maximum they compete for
 * @param competingTransferIds  the ids of those requests, in id order
 */
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
        List<Finding> findings,
        int otherOpenDuplications,
        List<String> competingTransferIds) {

    public Evaluation {
        findings = List.copyOf(findings);
        competingTransferIds = competingTransferIds == null ? List.of() : List.copyOf(competingTransferIds);
    }

    /** An evaluation with no competing requests (and decisions stored before they were kept). */
    public Evaluation(String transferId, String customerTenantId, Decision decision, Instant evaluatedAt,
                      int countedSubscriptions, int duplicatedSubscriptions, int projectedSubscriptions,
                      int tenantMaximum, int duplicationThreshold, List<Finding> findings) {
        this(transferId, customerTenantId, decision, evaluatedAt, countedSubscriptions, duplicatedSubscriptions,
                projectedSubscriptions, tenantMaximum, duplicationThreshold, findings, 0, List.of());
    }

    /**
     * True when a new revision is owed: the decision differs, or the findings differ in code or
     * subscriptions. Message texts carry numbers that move with every event, so they do not count;
     * neither do the counts nor the competing requests unless they change a finding.
     */
    public boolean outcomeDiffers(Evaluation other) {
        return other == null || decision != other.decision || !findingKeys().equals(other.findingKeys());
    }

    private List<String> findingKeys() {
        return findings.stream().map(f -> f.code() + ":" + f.subscriptionIds()).toList();
    }
}
