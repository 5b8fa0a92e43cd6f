package com.cspguard.domain.planning;

/**
 * The planner's settings ({@code guard.planner.*}).
 *
 * @param horizonDays      longest plan accepted: the deadline at most this many days after the start
 *                         (new-commerce terms run up to three years, so the default is 1095)
 * @param batchMargin      subscriptions kept free below the tenant maximum while a batch is in flight,
 *                         for purchases the plan does not know about (default 0)
 * @param cancelAfterDays  days between a batch's DUPLICATE and its CANCEL_SOURCE, time to check that
 *                         the new subscriptions exist; the next batch is duplicated on the cancel day,
 *                         after the cancellation (default 1, at least 1)
 */
public record PlannerSettings(int horizonDays, int batchMargin, int cancelAfterDays) {

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
    }

    public static PlannerSettings defaults() {
        return new PlannerSettings(1095, 0, 1);
    }
}
