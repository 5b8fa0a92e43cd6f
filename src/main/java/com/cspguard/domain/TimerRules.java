package com.cspguard.domain;

import java.time.Instant;

/** When each expiry timer falls due and whether it fires, as the contract's timer table says. */
public final class TimerRules {
    private final GuardPolicy policy;

    public TimerRules(GuardPolicy policy) {
        this.policy = policy;
    }

    public Instant dueAt(TimerType type, Instant termEnd) {
        return switch (type) {
            case TERM_ENDING -> termEnd.minus(policy.termEndingLead());
            case TERM_ENDED -> termEnd;
            case GRACE_PERIOD_ENDING -> termEnd.plus(policy.graceEndingAfter());
            case REPURCHASE_DEADLINE -> termEnd.plus(policy.repurchaseDeadline());
        };
    }

    /** True while a subscription should have timers at all: it has an end date and is not deleted. */
    public static boolean hasTimers(HeldSubscription held) {
        return held.subscription().termEnd() != null && held.subscription().status() != SubscriptionStatus.DELETED;
    }

    /**
     * Whether a due timer fires, checked against the subscription's state at that moment.
     *
     * @param termEndAtSchedule the end of term the timer was scheduled for
     * @param inOpenTransfer    the subscription is named by an open transfer request
     * @param repurchased       the tenant gained a counted subscription of the same or an equivalent
     *                          offer after this one's term end
     */
    public static boolean fires(TimerType type, HeldSubscription held, Instant termEndAtSchedule, boolean inOpenTransfer,
                                boolean repurchased) {
        Subscription sub = held.subscription();
        if (sub.status() == SubscriptionStatus.DELETED) {
            return false;
        }
        return switch (type) {
            case TERM_ENDING -> !sub.autoRenewEnabled() || inOpenTransfer;
            case TERM_ENDED -> termEndAtSchedule.equals(sub.termEnd());
            case GRACE_PERIOD_ENDING, REPURCHASE_DEADLINE ->
                    sub.status() == SubscriptionStatus.EXPIRED && !repurchased;
        };
    }
}
