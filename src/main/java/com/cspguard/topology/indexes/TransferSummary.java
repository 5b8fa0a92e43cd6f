package com.cspguard.topology.indexes;

import com.cspguard.domain.OpenTransfer;
import com.cspguard.domain.TransferEvaluator;
import com.cspguard.domain.TransferRequest;
import com.cspguard.domain.TransferRequest.TransferMethod;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What the indexes keep of an open transfer: enough to tell, without reading it, whether a change
 * of the tenant can change its outcome, and who may see the tenant because of it.
 *
 * @param duplicated       subscriptions it would buy again while the old ones count (DUPLICATE only)
 * @param subscriptionIds  the subscriptions its line items name
 */
public record TransferSummary(String transferId, TransferMethod method, int duplicated, String targetCountryCode,
                              String targetPartnerTenantId, Set<String> subscriptionIds, Instant expiresAt) {

    public static TransferSummary of(TransferRequest request, Instant expiresAt) {
        Set<String> ids = new LinkedHashSet<>();
        for (TransferRequest.LineItem item : request.lineItems()) {
            ids.add(item.subscriptionId());
        }
        return new TransferSummary(request.transferId(), request.method(), TransferEvaluator.duplicatedSubscriptions(request),
                request.targetPartnerCountryCode(), request.targetPartnerTenantId(), Set.copyOf(ids), expiresAt);
    }

    public static TransferSummary of(OpenTransfer open) {
        return of(open.request(), open.expiresAt());
    }

    public boolean names(String subscriptionId) {
        return subscriptionIds.contains(subscriptionId);
    }

    /** Whether the tenant limit finding holds with {@code counted} subscriptions. */
    public boolean overLimit(int counted, int tenantMaximum) {
        return method == TransferMethod.DUPLICATE && counted + duplicated > tenantMaximum;
    }

    /** Whether the region finding holds with the tenant's country {@code country}. */
    public boolean regionMismatch(String country) {
        return country != null && targetCountryCode != null && !country.equalsIgnoreCase(targetCountryCode);
    }
}
