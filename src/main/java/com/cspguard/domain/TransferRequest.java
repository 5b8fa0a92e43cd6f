package com.cspguard.domain;

import java.time.Instant;
import java.util.List;

/** One record of {@code transfer-requests}: a planned move of some of a tenant's subscriptions. */
public record TransferRequest(
        String transferId,
        Instant requestedAt,
        String customerTenantId,
        TransferStatus status,
        TransferType transferType,
        TransferMethod method,
        String sourcePartnerTenantId,
        String targetPartnerTenantId,
        String targetPartnerCountryCode,
        RequestedBy requestedBy,
        boolean delegatedAdminAccess,
        List<LineItem> lineItems) {

    public TransferRequest {
        lineItems = List.copyOf(lineItems);
    }

    public enum TransferStatus { REQUESTED, WITHDRAWN, COMPLETED }

    public enum TransferType { PARTNER_TO_PARTNER, CHANNEL_TO_CSP, TENANT_TO_TENANT }

    /**
     * DUPLICATE buys new copies while the old ones count; EXPIRE_AND_REPURCHASE lets the old ones
     * expire first; PARTNER_TRANSFER is Partner Center's native transfer of new-commerce subscriptions.
     */
    public enum TransferMethod { DUPLICATE, EXPIRE_AND_REPURCHASE, PARTNER_TRANSFER }

    /** Who asks for the move; the role is free text because any unknown role is simply refused. */
    public record RequestedBy(String userId, String role) { }

    /** {@code targetOfferId} and {@code quantity} are null when they default to the current ones. */
    public record LineItem(String subscriptionId, String targetOfferId, Integer quantity) { }
}
