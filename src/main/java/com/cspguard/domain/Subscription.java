package com.cspguard.domain;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;

/**
 * One subscription as Partner Center describes it, reduced to what the guard needs.
 * Optional fields are null when absent.
 *
 * @param commerceType   never null: when the input does not say, derived from the offer id
 *                       ({@link CommerceType#derive})
 * @param refundableUntil Partner Center's {@code refundOptions[].expiresAt}: the last instant a
 *                       new-commerce subscription can be cancelled; null when not reported
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
        boolean isTrial,
        CommerceType commerceType,
        Instant refundableUntil) {

    public Subscription {
        commerceType = commerceType == null ? CommerceType.derive(null, offerId) : commerceType;
    }

    /** A subscription whose commerce type follows from its offer id and whose refund window is not reported. */
    public Subscription(String id, String offerId, String offerName, Integer quantity, SubscriptionStatus status,
                        boolean autoRenewEnabled, Instant effectiveStartDate, LocalDate commitmentEndDate,
                        Instant commitmentEndDateTime, String termDuration, String billingCycle, boolean isTrial) {
        this(id, offerId, offerName, quantity, status, autoRenewEnabled, effectiveStartDate, commitmentEndDate,
                commitmentEndDateTime, termDuration, billingCycle, isTrial, null, null);
    }

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

    /**
     * The last instant this subscription can be cancelled (contract, {@code commerceType}): null for
     * a legacy subscription, which can be cancelled at any time; for new commerce
     * {@code refundableUntil} when reported, else {@code window} after the start of the current term.
     * The current term starts at the later of {@code effectiveStartDate} and the day after the
     * previous end of term (the end date minus {@code termDuration}, for a renewed subscription).
     * With no start known at all the window is taken as passed ({@link Instant#MIN}): a cancellation
     * the guard cannot vouch for is not planned.
     */
    public Instant cancellationDeadline(Duration window) {
        if (commerceType == CommerceType.LEGACY) {
            return null;
        }
        if (refundableUntil != null) {
            return refundableUntil;
        }
        Instant start = currentTermStart();
        return start == null ? Instant.MIN : start.plus(window);
    }

    /** True when a cancellation at {@code at} is still possible ({@link #cancellationDeadline}). */
    public boolean cancellableAt(Instant at, Duration window) {
        Instant deadline = cancellationDeadline(window);
        return deadline == null || !at.isAfter(deadline);
    }

    /**
     * When the current term began: the later of {@code effectiveStartDate} and the day after the
     * previous end of term (the last day of term minus {@code termDuration}, plus one day). Null when
     * neither is known.
     */
    public Instant currentTermStart() {
        Instant renewedOn = null;
        if (commitmentEndDate != null && termDuration != null) {
            try {
                Period term = Period.parse(termDuration);
                renewedOn = commitmentEndDate.plusDays(1).minus(term).atStartOfDay().toInstant(ZoneOffset.UTC);
            } catch (DateTimeException e) {
                renewedOn = null; // a duration Partner Center does not use (e.g. PT1H): no renewal date
            }
        }
        if (effectiveStartDate == null) {
            return renewedOn;
        }
        return renewedOn == null || effectiveStartDate.isAfter(renewedOn) ? effectiveStartDate : renewedOn;
    }
}
