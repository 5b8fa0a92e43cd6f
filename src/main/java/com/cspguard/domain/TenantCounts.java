package com.cspguard.domain;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-tenant counters, kept apart from the subscriptions so that an event costs O(1).
 *
 * @param counted              subscriptions in a counted status
 * @param byStatus             subscriptions per status (wire name), zero entries left out
 * @param countryCode          the latest {@code customerCountryCode} seen, null while unknown
 * @param thresholdCrossings   how often {@code counted} rose above the duplication threshold; names the alert
 * @param openTransfers        open transfer requests, so that tenants without any skip the look-up
 * @param awaitingRepurchase   expired subscriptions not yet repurchased, so that others skip the look-up
 * @param updatedAt            when the counts last changed (the causing event's {@code occurredAt})
 */
public record TenantCounts(
        String customerTenantId,
        int counted,
        Map<String, Integer> byStatus,
        String countryCode,
        int thresholdCrossings,
        int openTransfers,
        int awaitingRepurchase,
        Instant updatedAt) {

    public TenantCounts {
        byStatus = byStatus == null ? Map.of() : Map.copyOf(byStatus);
    }

    public static TenantCounts empty(String tenantId) {
        return new TenantCounts(tenantId, 0, Map.of(), null, 0, 0, 0, null);
    }

    public int headroom(GuardPolicy policy) {
        return policy.duplicationThreshold() - counted;
    }

    /** The counts after one subscription moved from {@code before} to {@code after} (either may be null). */
    public TenantCounts apply(SubscriptionStatus before, SubscriptionStatus after, GuardPolicy policy, Instant at) {
        if (before == after) {
            return this;
        }
        Map<String, Integer> statuses = new TreeMap<>(byStatus);
        if (before != null) {
            statuses.computeIfPresent(before.wire(), (k, v) -> v <= 1 ? null : v - 1);
        }
        if (after != null) {
            statuses.merge(after.wire(), 1, Integer::sum);
        }
        int newCounted = counted - (policy.counts(before) ? 1 : 0) + (policy.counts(after) ? 1 : 0);
        int crossings = thresholdCrossings;
        if (counted <= policy.duplicationThreshold() && newCounted > policy.duplicationThreshold()) {
            crossings++;
        }
        return new TenantCounts(customerTenantId, newCounted, statuses, countryCode, crossings,
                openTransfers, awaitingRepurchase, at);
    }

    /** True when this count rose above the threshold compared to {@code before}. */
    public boolean crossedThresholdSince(TenantCounts before) {
        return thresholdCrossings > before.thresholdCrossings;
    }

    /** True when a field of {@code tenant-subscription-counts} differs. */
    public boolean publishedFieldsDiffer(TenantCounts other) {
        return counted != other.counted || !byStatus.equals(other.byStatus);
    }

    public TenantCounts withCountry(String country) {
        return new TenantCounts(customerTenantId, counted, byStatus, country, thresholdCrossings,
                openTransfers, awaitingRepurchase, updatedAt);
    }

    public TenantCounts withOpenTransfers(int open) {
        return new TenantCounts(customerTenantId, counted, byStatus, countryCode, thresholdCrossings,
                open, awaitingRepurchase, updatedAt);
    }

    public TenantCounts withAwaitingRepurchase(int awaiting) {
        return new TenantCounts(customerTenantId, counted, byStatus, countryCode, thresholdCrossings,
                openTransfers, awaiting, updatedAt);
    }
}
