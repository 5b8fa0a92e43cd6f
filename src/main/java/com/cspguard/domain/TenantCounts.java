package com.cspguard.domain;

import java.time.Instant;
import java.util.Map;

/**
 * A tenant's counts as they are published and as the evaluator sees them. It is a view: the stream
 * derives it from the tenant's subscriptions (the in-memory tenant index), never stores it.
 *
 * @param counted      subscriptions in a counted status
 * @param byStatus     subscriptions per status (wire name), zero entries left out
 * @param countryCode  the latest {@code customerCountryCode} reported for the tenant, null while unknown
 * @param updatedAt    the latest change of any of the tenant's subscriptions
 */
public record TenantCounts(
        String customerTenantId,
        int counted,
        Map<String, Integer> byStatus,
        String countryCode,
        Instant updatedAt) {

    public TenantCounts {
        byStatus = byStatus == null ? Map.of() : Map.copyOf(byStatus);
    }

    public static TenantCounts empty(String tenantId) {
        return new TenantCounts(tenantId, 0, Map.of(), null, null);
    }

    public int headroom(GuardPolicy policy) {
        return policy.duplicationThreshold() - counted;
    }
}
