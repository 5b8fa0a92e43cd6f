package com.cspguard.domain.planning;

import com.cspguard.domain.TransferRequest.RequestedBy;
import com.cspguard.domain.TransferRequest.TransferType;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What a partner asks the planner: move these subscriptions of this tenant to that partner, starting
 * on {@code startDate}, everything with the new partner by {@code deadline}.
 *
 * @param subscriptionIds the subscriptions to move; empty means every subscription the tenant counts
 * @param startDate       the first day a step may take place; null means today
 * @param deadline        the last day of the plan: every duplicated source is cancelled and every
 *                        expiring subscription has reached its term end by then
 * @param targetTenantCountedSubscriptions TENANT_TO_TENANT only: what the target tenant already counts
 *                        (the copies are bought there, so its limit is the one that binds); null means 0,
 *                        a new tenant
 */
public record PlanRequest(
        String customerTenantId,
        String targetPartnerTenantId,
        String targetPartnerCountryCode,
        RequestedBy requestedBy,
        TransferType transferType,
        List<String> subscriptionIds,
        LocalDate startDate,
        LocalDate deadline,
        Integer targetTenantCountedSubscriptions) {

    public PlanRequest {
        Objects.requireNonNull(customerTenantId, "customerTenantId");
        Objects.requireNonNull(deadline, "deadline");
        transferType = transferType == null ? TransferType.PARTNER_TO_PARTNER : transferType;
        subscriptionIds = subscriptionIds == null ? List.of() : List.copyOf(subscriptionIds);
    }

    public PlanRequest(String customerTenantId, String targetPartnerTenantId, String targetPartnerCountryCode,
                       RequestedBy requestedBy, TransferType transferType, List<String> subscriptionIds,
                       LocalDate startDate, LocalDate deadline) {
        this(customerTenantId, targetPartnerTenantId, targetPartnerCountryCode, requestedBy, transferType,
                subscriptionIds, startDate, deadline, null);
    }

    /** True when the copies are bought in another tenant than the customer's (TENANT_TO_TENANT). */
    public boolean intoAnotherTenant() {
        return transferType == TransferType.TENANT_TO_TENANT;
    }
}
