package com.cspguard.topology;

import com.cspguard.domain.HeldSubscription;
import com.cspguard.domain.TimerType;

import java.time.Instant;

/**
 * Value of the subscriptions store: the held snapshot and the subscription's place in its timer
 * chain. The chain position doubles as the timer index: from it the one stored timer key can be
 * rebuilt and moved or deleted without a scan.
 *
 * @param timerTermEnd the end of term the chain belongs to; null when the subscription has no timers
 * @param nextTimer    the next timer of the chain, stored in the timer store; null when none is pending
 */
public record SubscriptionState(HeldSubscription held, Instant timerTermEnd, TimerType nextTimer) {

    public SubscriptionState withHeld(HeldSubscription newHeld) {
        return new SubscriptionState(newHeld, timerTermEnd, nextTimer);
    }

    public SubscriptionState withNextTimer(TimerType type) {
        return new SubscriptionState(held, timerTermEnd, type);
    }
}
