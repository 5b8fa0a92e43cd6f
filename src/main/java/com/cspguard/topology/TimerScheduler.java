package com.cspguard.topology;

import com.cspguard.domain.HeldSubscription;
import com.cspguard.domain.TimerRules;
import com.cspguard.domain.TimerType;

import java.time.Instant;

/**
 * Keeps each subscription's timer chain in step with its snapshot: a new end of term moves the
 * chain (one delete, one put), a deletion cancels it, an unchanged end leaves it alone.
 */
public final class TimerScheduler {
    private final TimerRules rules;
    private final TimerStore timers;

    public TimerScheduler(TimerRules rules, TimerStore timers) {
        this.rules = rules;
        this.timers = timers;
    }

    public SubscriptionState reschedule(String tenantId, SubscriptionState old, HeldSubscription held) {
        Instant newEnd = TimerRules.hasTimers(held) ? held.subscription().termEnd() : null;
        if (old != null && newEnd != null && newEnd.equals(old.timerTermEnd())) {
            return old.withHeld(held); // same chain, same pending timer
        }
        if (old != null) {
            cancel(tenantId, old);
        }
        if (newEnd == null) {
            return new SubscriptionState(held, null, null);
        }
        SubscriptionState state = new SubscriptionState(held, newEnd, TimerType.TERM_ENDING);
        schedule(tenantId, state);
        return state;
    }

    /** Stores the chain's pending timer; one already due fires at the next punctuation. */
    public void schedule(String tenantId, SubscriptionState state) {
        TimerType type = state.nextTimer();
        long due = rules.dueAt(type, state.timerTermEnd()).toEpochMilli();
        timers.schedule((byte) type.ordinal(), StoreNames.key(tenantId, state.held().id()),
                new TimerEntry(tenantId, state.held().id(), type.name(), due, state.timerTermEnd()));
    }

    public void cancel(String tenantId, SubscriptionState state) {
        if (state.nextTimer() != null && state.timerTermEnd() != null) {
            long due = rules.dueAt(state.nextTimer(), state.timerTermEnd()).toEpochMilli();
            timers.cancel(due, (byte) state.nextTimer().ordinal(), StoreNames.key(tenantId, state.held().id()));
        }
    }

    public Instant dueAt(TimerType type, Instant termEnd) {
        return rules.dueAt(type, termEnd);
    }
}
