package com.cspguard.topology.config;

import java.util.Arrays;
import java.util.List;

/**
 * Every topic the guard reads or writes, once: its contract name (also the name of its definition
 * file {@code topics/<name>.topic.json}), the environment variable that renames it, and whether it
 * feeds the tenant sub-topology (those must be partitioned alike).
 */
public enum GuardTopic {
    SUBSCRIPTION_EVENTS("subscription-events", "GUARD_TOPIC_SUBSCRIPTION_EVENTS", true),
    TRANSFER_REQUESTS("transfer-requests", "GUARD_TOPIC_TRANSFER_REQUESTS", true),
    OFFER_CATALOG("offer-catalog", "GUARD_TOPIC_OFFER_CATALOG", false),
    CATALOG_CHANGES("transfer-guard-catalog-changes", "GUARD_TOPIC_CATALOG_CHANGES", true),
    TRANSFER_DECISIONS("transfer-decisions", "GUARD_TOPIC_TRANSFER_DECISIONS", false),
    TRANSFER_ALERTS("transfer-alerts", "GUARD_TOPIC_TRANSFER_ALERTS", false),
    EXPIRY_TIMERS("expiry-timers", "GUARD_TOPIC_EXPIRY_TIMERS", false),
    TENANT_COUNTS("tenant-subscription-counts", "GUARD_TOPIC_TENANT_COUNTS", false),
    DEAD_LETTERS("transfer-guard-dlq", "GUARD_TOPIC_DLQ", false);

    private final String contractName;
    private final String environmentVariable;
    private final boolean tenantInput;

    GuardTopic(String contractName, String environmentVariable, boolean tenantInput) {
        this.contractName = contractName;
        this.environmentVariable = environmentVariable;
        this.tenantInput = tenantInput;
    }

    public String contractName() {
        return contractName;
    }

    public String environmentVariable() {
        return environmentVariable;
    }

    /** The property that renames it: {@code guard.topics.names.<contract name>}. */
    public String property() {
        return "guard.topics.names." + contractName;
    }

    public boolean tenantInput() {
        return tenantInput;
    }

    public static List<String> contractNames() {
        return Arrays.stream(values()).map(GuardTopic::contractName).toList();
    }
}
