package com.cspguard.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * One subscription as Partner Center describes it, reduced to what the guard needs.
 * Optional fields are null when absent.
 */
public record Subscription(
        String id,
        String offerId,
        String offerName,
        Integer quantity,
        SubscriptionStatus status,
        boolean autoRenewEnabled,
        Instant effectiveStartDate,
        LocalDate commitmentEndDate,
        Instant commitmentEndDateTime,
        String termDuration,
        String billingCycle,
        boolean isTrial) {

    /**
     * The instant the term ends: {@code commitmentEndDateTime} when given, otherwise the end of
     * the {@code commitmentEndDate} day in UTC, because new-commerce end dates are inclusive.
     * Null when the subscription has no end date.
     */
    public Instant termEnd() {
        if (commitmentEndDateTime != null) {
            return commitmentEndDateTime;
        }
        if (commitmentEndDate != null) {
            return commitmentEndDate.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        }
        return null;
    }
}
