package com.cspguard.domain.planning;

import java.time.LocalDate;

/**
 * How one subscription moves. Dates that do not apply to its method are null.
 *
 * @param commerceType       NEW_COMMERCE or LEGACY, as held
 * @param targetOfferId      the offer the target buys (or, for a partner transfer, keeps): the same one,
 *                           or an available equivalent when the current offer is no longer sold
 * @param termEndDate        the last day of the current term (inclusive), null when unknown
 * @param disableAutorenewOn the day the source turns autorenew off (expiry, or a duplicated source that
 *                           cannot be cancelled); null when it is already off or not needed
 * @param repurchaseFrom     expiry: first day the target can repurchase
 * @param repurchaseTo       expiry: last day to repurchase; the data is lost after it
 * @param batch              duplication: the batch number; partner transfer: the transfer number; from 1
 * @param transferOn         partner transfer: the day of the transfer
 * @param cancelSourceOn     duplication: the day the source is cancelled; null when it cannot be
 *                           (new commerce past its cancellation window): it expires at its term end
 * @param paidDaysLost       days of paid term thrown away: 0 for expiry and partner transfer; for
 *                           duplication the days after the cancellation day (or the day it would be
 *                           cancelled, for a source billed until its term end) up to the term end;
 *                           null when the term end is unknown
 * @param licenceDaysLost    {@code paidDaysLost} x quantity (a missing quantity counts as one licence); null when unknown
 * @param reason             why this method and these dates, in words
 */
public record PlannedSubscription(
        String subscriptionId,
        String offerId,
        String targetOfferId,
        String commerceType,
        int quantity,
        LocalDate termEndDate,
        PlanMethod method,
        LocalDate disableAutorenewOn,
        LocalDate repurchaseFrom,
        LocalDate repurchaseTo,
        Integer batch,
        LocalDate transferOn,
        LocalDate duplicateOn,
        LocalDate cancelSourceOn,
        Long paidDaysLost,
        Long licenceDaysLost,
        String reason) { }
