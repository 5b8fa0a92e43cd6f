package com.cspguard.topology.config;

/** The actual names of the topics ({@link GuardTopic} lists them); the defaults are the contract's. */
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
        return named(GuardTopic::contractName);
    }

    /** The actual names: {@code actual} gives each topic's configured name. */
    public static GuardTopics named(java.util.function.Function<GuardTopic, String> actual) {
        return new GuardTopics(actual.apply(GuardTopic.SUBSCRIPTION_EVENTS), actual.apply(GuardTopic.TRANSFER_REQUESTS),
                actual.apply(GuardTopic.OFFER_CATALOG), actual.apply(GuardTopic.CATALOG_CHANGES),
                actual.apply(GuardTopic.TRANSFER_DECISIONS), actual.apply(GuardTopic.TRANSFER_ALERTS),
                actual.apply(GuardTopic.EXPIRY_TIMERS), actual.apply(GuardTopic.TENANT_COUNTS),
                actual.apply(GuardTopic.DEAD_LETTERS));
    }
}
