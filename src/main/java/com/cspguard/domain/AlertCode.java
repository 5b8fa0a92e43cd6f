package com.cspguard.domain;

/** The alert table of the contract; each code has one fixed severity. */
public enum AlertCode {
    ROLE_NOT_PERMITTED(Severity.BLOCKING),
    REGION_MISMATCH(Severity.BLOCKING),
    TENANT_LIMIT_EXCEEDED(Severity.BLOCKING),
    SUBSCRIPTION_NOT_FOUND(Severity.BLOCKING),
    SUBSCRIPTION_NOT_TRANSFERABLE(Severity.BLOCKING),
    AUTORENEW_ENABLED(Severity.BLOCKING),
    OFFER_DISCONTINUED(Severity.BLOCKING),
    LICENSE_REASSIGNMENT_REQUIRED(Severity.WARNING),
    NO_REFUND_ON_CANCELLATION(Severity.WARNING),
    DATA_MIGRATION_REQUIRED(Severity.WARNING),
    CREDIT_MAY_APPLY(Severity.INFO),
    PARTNER_TRANSFER_NOT_ELIGIBLE(Severity.BLOCKING),
    TOO_MANY_LINE_ITEMS(Severity.BLOCKING),
    CANCELLATION_NOT_POSSIBLE(Severity.WARNING),
    COMPETING_TRANSFERS(Severity.WARNING),
    TENANT_ABOVE_DUPLICATION_THRESHOLD(Severity.WARNING);

    private final Severity severity;

    AlertCode(Severity severity) {
        this.severity = severity;
    }

    public Severity severity() {
        return severity;
    }
}
