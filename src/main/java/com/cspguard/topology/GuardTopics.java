package com.cspguard.topology;

/** The actual names of the topics the topology reads and writes; the defaults are the contract's. */
public record GuardTopics(
        String subscriptionEvents,
        String transferRequests,
        String offerCatalog,
        String catalogChanges,
        String transferDecisions,
        String transferAlerts,
        String expiryTimers,
        String tenantCounts,
        String deadLetters) {

    public static GuardTopics defaults() {
        return new GuardTopics("subscription-events", "transfer-requests", "offer-catalog",
                "transfer-guard-catalog-changes", "transfer-decisions", "transfer-alerts", "expiry-timers",
                "tenant-subscription-counts", "transfer-guard-dlq");
    }
}
