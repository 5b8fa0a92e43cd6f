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
 * @param earlierEvents ids of the events applied before the held one, to recognise repeats
 */
public record SubscriptionState(HeldSubscription held, Instant timerTermEnd, TimerType nextTimer,
                                RecentEventIds earlierEvents) {

    public SubscriptionState {
        earlierEvents = earlierEvents == null ? RecentEventIds.NONE : earlierEvents;
    }

    public SubscriptionState(HeldSubscription held, Instant timerTermEnd, TimerType nextTimer) {
        this(held, timerTermEnd, nextTimer, RecentEventIds.NONE);
    }

    public SubscriptionState withHeld(HeldSubscription newHeld) {
        return new SubscriptionState(newHeld, timerTermEnd, nextTimer, earlierEvents);
    }

    public SubscriptionState withNextTimer(TimerType type) {
        return new SubscriptionState(held, timerTermEnd, type, earlierEvents);
    }

    public SubscriptionState withEarlierEvents(RecentEventIds ids) {
        return new SubscriptionState(held, timerTermEnd, nextTimer, ids);
    }

    /** True when {@code eventId} is the held snapshot's event or one applied shortly before it. */
    public boolean applied(String eventId) {
        return eventId.equals(held.lastEventId()) || earlierEvents.contains(eventId);
    }

    /** The earlier events a successor of this state keeps: this one's and its predecessors'. */
    public RecentEventIds eventsForSuccessor() {
        return earlierEvents.with(held.lastEventId());
    }
}
