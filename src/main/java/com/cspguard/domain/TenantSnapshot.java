package com.cspguard.domain;

import java.util.Map;
import java.util.TreeMap;

/**
 * What the evaluator may know of a tenant: its counts, its country, the subscriptions the
 * request names, and the line items of each of its open DUPLICATE requests (by transfer id: they
 * compete for the same room under the maximum). The caller loads only those, so an evaluation
 * costs O(line items + open requests).
 */
public record TenantSnapshot(String customerTenantId, int countedSubscriptions, String countryCode,
                             Map<String, HeldSubscription> subscriptions, Map<String, Integer> openDuplications) {

    public TenantSnapshot {
        subscriptions = Map.copyOf(subscriptions);
        openDuplications = openDuplications == null ? Map.of()
                : java.util.Collections.unmodifiableSortedMap(new TreeMap<>(openDuplications));
    }

    /** A tenant with no open DUPLICATE requests. */
    public TenantSnapshot(String customerTenantId, int countedSubscriptions, String countryCode,
                          Map<String, HeldSubscription> subscriptions) {
        this(customerTenantId, countedSubscriptions, countryCode, subscriptions, Map.of());
    }

    /** The same tenant with these open DUPLICATE requests (transfer id to line items). */
    public TenantSnapshot withOpenDuplications(Map<String, Integer> open) {
        return new TenantSnapshot(customerTenantId, countedSubscriptions, countryCode, subscriptions, open);
    }

    /** The snapshot for one request: the counters plus the named subscriptions {@code lookup} finds. */
    public static TenantSnapshot forRequest(TenantCounts counts, TransferRequest request,
                                            java.util.function.Function<String, HeldSubscription> lookup) {
        Map<String, HeldSubscription> named = new java.util.HashMap<>();
        for (TransferRequest.LineItem item : request.lineItems()) {
            HeldSubscription held = lookup.apply(item.subscriptionId());
            if (held != null) {
                named.put(item.subscriptionId(), held);
            }
        }
        return new TenantSnapshot(counts.customerTenantId(), counts.counted(), counts.countryCode(), named);
    }
}
