package com.cspguard.domain;

import java.util.List;

/** The message and remediation of each finding, in words a partner can act on. */
final class FindingTexts {
    private FindingTexts() { }

    static Finding roleNotPermitted(String role, TransferRequest.TransferMethod method, GuardPolicy policy) {
        if (method == TransferRequest.TransferMethod.PARTNER_TRANSFER) {
            return Finding.of(AlertCode.ROLE_NOT_PERMITTED, List.of(),
                    "Role '" + role + "' may not create a Partner Center transfer; only the "
                            + policy.partnerTransferRole() + " role of the target partner may.",
                    "Have a user with the " + policy.partnerTransferRole() + " role in the target partner's Partner Center"
                            + " create the transfer.");
        }
        return Finding.of(AlertCode.ROLE_NOT_PERMITTED, List.of(),
                "Role '" + role + "' may not move customers; only account admins, sales agents and billing agents may.",
                "Have a user with the account admin, sales agent or billing agent role in Partner Center submit the transfer.");
    }

    static Finding regionMismatch(String tenantCountry, String partnerCountry) {
        return Finding.of(AlertCode.REGION_MISMATCH, List.of(),
                "The target partner is in " + partnerCountry + " but the customer tenant is in " + tenantCountry
                        + "; a partner must be in the same country or region as the customer to take it over.",
                "Move the customer to a partner tenant registered in " + tenantCountry + ".");
    }

    static Finding tenantLimitExceeded(int counted, int duplicated, GuardPolicy policy) {
        return Finding.of(AlertCode.TENANT_LIMIT_EXCEEDED, List.of(),
                "Duplicating " + duplicated + " subscriptions into a tenant that already counts " + counted
                        + " makes " + (counted + duplicated) + ", above the tenant maximum of "
                        + policy.tenantMaximum() + " (Partner Center error 800066).",
                "Move by expiry instead: the source partner disables autorenew, lets the subscriptions expire at "
                        + "their term end (users keep access for 30 days), and the target repurchases them within "
                        + "the 30-day grace period.");
    }

    static Finding competingTransfers(int counted, int duplicated, int others, List<String> competingIds,
                                      GuardPolicy policy) {
        return Finding.of(AlertCode.COMPETING_TRANSFERS, List.of(),
                "This request duplicates " + duplicated + " subscriptions into a tenant that counts " + counted
                        + "; the tenant's other open duplication requests " + competingIds + " add " + others
                        + " more, " + (counted + duplicated + others) + " in all, above the tenant maximum of "
                        + policy.tenantMaximum() + ": the requests cannot all be carried out.",
                "Carry the requests out one after another (cancel each one's sources before the next buys), withdraw"
                        + " one of them, or move some subscriptions by expiry instead.");
    }

    static Finding partnerTransferWrongType(TransferRequest.TransferType type) {
        return Finding.of(AlertCode.PARTNER_TRANSFER_NOT_ELIGIBLE, List.of(),
                "A Partner Center transfer moves subscriptions between partners only; this request is " + type + ".",
                "Use DUPLICATE or EXPIRE_AND_REPURCHASE for a move that is not partner to partner.");
    }

    static Finding tooManyLineItems(int lineItems, GuardPolicy policy) {
        int max = policy.partnerTransferMaxLineItems();
        int parts = TransferRules.transfersNeeded(lineItems, policy);
        return Finding.of(AlertCode.TOO_MANY_LINE_ITEMS, List.of(),
                "The transfer has " + lineItems + " line items; one Partner Center transfer takes at most " + max + ".",
                "Split it into " + parts + " transfers of at most " + max + " line items each.");
    }

    static Finding dataMigrationRequired() {
        return Finding.of(AlertCode.DATA_MIGRATION_REQUIRED, List.of(),
                "In a tenant-to-tenant migration the customer must migrate its data into the new tenant itself.",
                "Plan the Microsoft 365 tenant-to-tenant migration with the customer before the old subscriptions end.");
    }

    static Finding forSubscriptions(AlertCode code, List<String> ids, TransferRequest request, GuardPolicy policy) {
        String which = ids.size() == 1 ? "Subscription " + ids.get(0) : ids.size() + " subscriptions " + ids;
        return switch (code) {
            case SUBSCRIPTION_NOT_FOUND -> Finding.of(code, ids,
                    which + " named in the request do not belong to tenant " + request.customerTenantId() + ".",
                    "Correct the subscription ids in the request, or wait until the billing system has published them.");
            case SUBSCRIPTION_NOT_TRANSFERABLE -> Finding.of(code, ids,
                    which + " are disabled or deleted and can no longer be transferred.",
                    "Remove them from the request; buy new subscriptions for these users instead.");
            case AUTORENEW_ENABLED -> Finding.of(code, ids,
                    which + " still renew automatically, so they will not expire at their term end.",
                    "Ask the source partner to turn autorenew off for them before the term end date.");
            case OFFER_DISCONTINUED -> Finding.of(code, ids,
                    which + " use an offer that is no longer sold and the target offer is not an available equivalent; "
                            + "data will be lost.",
                    "Choose an available equivalent offer from the catalog as the target offer.");
            case LICENSE_REASSIGNMENT_REQUIRED -> Finding.of(code, ids,
                    which + " move to a different offer or licence count, so users' licence assignments must be updated.",
                    "Keep the same or an equivalent offer with the same quantity, or plan the licence reassignment.");
            case NO_REFUND_ON_CANCELLATION -> Finding.of(code, ids,
                    which + " end more than " + policy.refundWindow().toDays() + " days after the request; "
                            + "cancelled subscriptions are not refunded.",
                    "Schedule the move close to the subscriptions' natural end dates, or move by expiry.");
            case PARTNER_TRANSFER_NOT_ELIGIBLE -> Finding.of(code, ids,
                    which + " are legacy subscriptions; Partner Center's transfer moves only new-commerce subscriptions.",
                    "Move these by DUPLICATE or EXPIRE_AND_REPURCHASE in a separate request.");
            case CANCELLATION_NOT_POSSIBLE -> Finding.of(code, ids,
                    which + " are new-commerce subscriptions past their cancellation window at the request; they cannot"
                            + " be cancelled and keep counting toward the tenant maximum, and are billed, until their term end.",
                    request.transferType() == TransferRequest.TransferType.PARTNER_TO_PARTNER
                            ? "Move them with a PARTNER_TRANSFER instead: the subscriptions move with their term and nothing counts twice."
                            : "Turn autorenew off and let them expire at their term end; repurchase within the grace period"
                                    + " (EXPIRE_AND_REPURCHASE).");
            case CREDIT_MAY_APPLY -> Finding.of(code, ids,
                    which + " were bought directly from Microsoft; the customer may be eligible for a credit.",
                    request.delegatedAdminAccess()
                            ? "As a partner with delegated admin access, contact Microsoft 365 billing support on the customer's behalf."
                            : "The customer must contact Microsoft 365 billing support itself; the partner has no delegated admin access.");
            default -> throw new IllegalArgumentException("not a subscription finding: " + code);
        };
    }

    static Finding tenantAboveThreshold(int counted, GuardPolicy policy) {
        return Finding.of(AlertCode.TENANT_ABOVE_DUPLICATION_THRESHOLD, List.of(),
                "The tenant now counts " + counted + " subscriptions, above " + policy.duplicationThreshold()
                        + "; it can no longer be moved whole by duplication without exceeding the maximum of "
                        + policy.tenantMaximum() + ".",
                "Plan any move of this customer by expiry and repurchase within the 30-day grace period.");
    }
}
