package com.cspguard.domain.planning;

import java.time.Duration;

/**
 * The planner's settings ({@code guard.planner.*}) and the two new-commerce rules it plans with,
 * which are the guard's policy settings of the same name (the evaluator reads them too).
 *
 * @param horizonDays                 longest plan accepted: the deadline at most this many days after the start
 *                                    (new-commerce terms run up to three years, so the default is 1095)
 * @param batchMargin                 subscriptions kept free below the tenant maximum while a batch is in
 *                                    flight, for purchases the plan does not know about (default 0)
 * @param cancelAfterDays             days between a batch's DUPLICATE and its CANCEL_SOURCE, time to check
 *                                    that the new subscriptions exist; the next batch is duplicated on the
 *                                    cancel day, after the cancellation (default 1, at least 1)
 * @param partnerTransferMaxLineItems most subscriptions in one Partner Center transfer
 *                                    ({@code guard.policy.partner-transfer-max-line-items}, default 25)
 * @param cancellationWindow          how long after purchase or renewal a new-commerce subscription can be
 *                                    cancelled when it carries no {@code refundableUntil}
 *                                    ({@code guard.policy.cancellation-window}, default 7 days)
 */
public record PlannerSettings(int horizonDays, int batchMargin, int cancelAfterDays, int partnerTransferMaxLineItems,
                              Duration cancellationWindow) {

    public static final int DEFAULT_PARTNER_TRANSFER_MAX_LINE_ITEMS = 25;
    public static final Duration DEFAULT_CANCELLATION_WINDOW = Duration.ofDays(7);

    public PlannerSettings {
        if (horizonDays <= 0) {
            throw new IllegalArgumentException("guard.planner.horizon must be at least one day, was " + horizonDays);
        }
        if (batchMargin < 0) {
            throw new IllegalArgumentException("guard.planner.batch-margin must be >= 0, was " + batchMargin);
        }
        if (cancelAfterDays < 1) {
            throw new IllegalArgumentException("guard.planner.cancel-after must be at least one day, was "
                    + cancelAfterDays);
        }
        if (partnerTransferMaxLineItems < 1) {
            throw new IllegalArgumentException("guard.policy.partner-transfer-max-line-items must be at least 1, was "
                    + partnerTransferMaxLineItems);
        }
        if (cancellationWindow == null || cancellationWindow.isNegative()) {
            throw new IllegalArgumentException("guard.policy.cancellation-window must be >= 0, was " + cancellationWindow);
        }
    }

    /** The planner's own settings with the new-commerce rules at their defaults. */
    public PlannerSettings(int horizonDays, int batchMargin, int cancelAfterDays) {
        this(horizonDays, batchMargin, cancelAfterDays, DEFAULT_PARTNER_TRANSFER_MAX_LINE_ITEMS,
                DEFAULT_CANCELLATION_WINDOW);
    }

    public static PlannerSettings defaults() {
        return new PlannerSettings(1095, 0, 1);
    }
}
