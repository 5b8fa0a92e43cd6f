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
