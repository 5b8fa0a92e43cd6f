package com.cspguard.domain;

/**
 * The expiry timers of a subscription, in the order they fall due. Each subscription has a chain
 * of them for its current end of term; only the next one is ever stored.
 */
public enum TimerType {
    TERM_ENDING, TERM_ENDED, GRACE_PERIOD_ENDING, REPURCHASE_DEADLINE;

    /** The timer after this one in the chain, or null at its end. */
    public TimerType next() {
        int n = ordinal() + 1;
        return n < values().length ? values()[n] : null;
    }

    public boolean isGrace() {
        return this == GRACE_PERIOD_ENDING || this == REPURCHASE_DEADLINE;
    }
}
