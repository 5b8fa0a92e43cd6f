package com.cspguard.domain.planning;

import com.cspguard.domain.TransferRequest.TransferMethod;

import java.time.LocalDate;

/**
 * How one subscription moves. Dates that do not apply to its method are null.
 *
 * @param targetOfferId      the offer the target buys: the same one, or an available equivalent when
 *                           the current offer is no longer sold
 * @param termEndDate        the last day of the current term (inclusive), null when unknown
 * @param disableAutorenewOn expiry: the day the source turns autorenew off; null when it is already off
 * @param repurchaseFrom     expiry: first day the target can repurchase
 * @param repurchaseTo       expiry: last day to repurchase; the data is lost after it
 * @param batch              duplication: the batch number, from 1
 * @param paidDaysLost       days of paid term thrown away: 0 for expiry, for duplication the days
 *                           after the cancellation day up to the term end
 * @param licenceDaysLost    {@code paidDaysLost} x quantity (a missing quantity counts as one licence)
 * @param reason             why this method and these dates, in words
 */
public record PlannedSubscription(
        String subscriptionId,
        String offerId,
        String targetOfferId,
        int quantity,
        LocalDate termEndDate,
        TransferMethod method,
        LocalDate disableAutorenewOn,
        LocalDate repurchaseFrom,
        LocalDate repurchaseTo,
        Integer batch,
        LocalDate duplicateOn,
        LocalDate cancelSourceOn,
        long paidDaysLost,
        long licenceDaysLost,
        String reason) { }
