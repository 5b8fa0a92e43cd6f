package com.cspguard.domain;

import java.util.Map;

/**
 * What the evaluator may know of a tenant: its counts, its country and the subscriptions the
 * request names. The caller loads only those, so an evaluation costs O(line items).
 */
public record TenantSnapshot(String customerTenantId, int countedSubscriptions, String countryCode,
                             Map<String, HeldSubscription> subscriptions) {

    public TenantSnapshot {
        subscriptions = Map.copyOf(subscriptions);
    }
}
