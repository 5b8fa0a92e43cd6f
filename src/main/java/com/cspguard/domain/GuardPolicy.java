package com.cspguard.domain;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * The numbers the rules use. Every one is a setting ({@code guard.*}), defaults from the guide and
 * Partner Center's documentation.
 *
 * @param tenantMaximum        most subscriptions a tenant may hold (300, error 800066)
 * @param duplicationThreshold most active subscriptions movable by duplication (150)
 * @param countedStatuses      statuses that count toward the tenant's limit
 * @param refundWindow         a DUPLICATE move whose source ends later than this after the request loses money
 * @param transferMaxAge       an open transfer request closes after this long (partner-to-partner: 30 days)
 * @param termEndingLead       TERM_ENDING fires this long before the end of term
 * @param graceEndingAfter     GRACE_PERIOD_ENDING fires this long after the end of term
 * @param repurchaseDeadline   REPURCHASE_DEADLINE fires this long after the end of term
 * @param cancellationWindow   a new-commerce subscription can be cancelled this long after the start of its
 *                             term when Partner Center gives no {@code refundableUntil} (7 days)
 * @param partnerTransferRole  the one role that may submit a PARTNER_TRANSFER (Partner Center: admin agent)
 * @param partnerTransferMaxLineItems most line items in one PARTNER_TRANSFER (25, a partner-tooling vendor's figure)
 */
public record GuardPolicy(
        int tenantMaximum,
        int duplicationThreshold,
        Set<SubscriptionStatus> countedStatuses,
        Duration refundWindow,
        Duration transferMaxAge,
        Duration termEndingLead,
        Duration graceEndingAfter,
        Duration repurchaseDeadline,
        Duration cancellationWindow,
        String partnerTransferRole,
        int partnerTransferMaxLineItems) {

    public static final Duration DEFAULT_CANCELLATION_WINDOW = Duration.ofDays(7);
    public static final String DEFAULT_PARTNER_TRANSFER_ROLE = "ADMIN_AGENT";
    public static final int DEFAULT_PARTNER_TRANSFER_MAX_LINE_ITEMS = 25;

    public GuardPolicy {
        if (partnerTransferMaxLineItems <= 0) {
            throw new IllegalArgumentException("partnerTransferMaxLineItems must be positive, was " + partnerTransferMaxLineItems);
        }
    }

    /** The policy with the new-commerce settings at their defaults. */
    public GuardPolicy(int tenantMaximum, int duplicationThreshold, Set<SubscriptionStatus> countedStatuses,
                       Duration refundWindow, Duration transferMaxAge, Duration termEndingLead,
                       Duration graceEndingAfter, Duration repurchaseDeadline) {
        this(tenantMaximum, duplicationThreshold, countedStatuses, refundWindow, transferMaxAge, termEndingLead,
                graceEndingAfter, repurchaseDeadline, DEFAULT_CANCELLATION_WINDOW, DEFAULT_PARTNER_TRANSFER_ROLE,
                DEFAULT_PARTNER_TRANSFER_MAX_LINE_ITEMS);
    }

    public static GuardPolicy defaults() {
        return new GuardPolicy(300, 150,
                EnumSet.of(SubscriptionStatus.ACTIVE, SubscriptionStatus.PENDING, SubscriptionStatus.SUSPENDED),
                Duration.ofDays(30), Duration.ofDays(30),
                Duration.ofDays(7), Duration.ofDays(23), Duration.ofDays(30));
    }

    public boolean counts(SubscriptionStatus status) {
        return status != null && countedStatuses.contains(status);
    }

    public GuardPolicy withLimits(int maximum, int threshold) {
        return new GuardPolicy(maximum, threshold, countedStatuses, refundWindow, transferMaxAge,
                termEndingLead, graceEndingAfter, repurchaseDeadline, cancellationWindow, partnerTransferRole,
                partnerTransferMaxLineItems);
    }

    /** The same policy with other new-commerce settings. */
    public GuardPolicy withNewCommerce(Duration window, String role, int maxLineItems) {
        return new GuardPolicy(tenantMaximum, duplicationThreshold, countedStatuses, refundWindow, transferMaxAge,
                termEndingLead, graceEndingAfter, repurchaseDeadline, window, role, maxLineItems);
    }
}
