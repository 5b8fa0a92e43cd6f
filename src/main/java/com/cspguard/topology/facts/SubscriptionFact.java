package com.cspguard.topology.facts;

import com.cspguard.domain.HeldSubscription;
import com.cspguard.domain.TimerType;

import java.time.Instant;

/**
 * The one fact the guard logs per subscription: its latest snapshot and whatever the guard must
 * remember about it that no other fact tells. Everything else (tenant counters, the timer
 * schedule, the repurchase index) is derived from these facts in memory.
 *
 * @param held           the latest snapshot applied
 * @param countryCode    the latest {@code customerCountryCode} reported with this subscription's events
 * @param countryAt      when that country was reported (the event's {@code occurredAt}); the tenant's
 *                       country is the one reported last over all its subscriptions
 * @param gainedAt       when the subscription was first seen counted (the event's {@code occurredAt}); null
 *                       while it never was. Kept when it stops counting, so that whether an expired
 *                       subscription is repurchased does not depend on the order events arrive in; its
 *                       purchase date when Partner Center gives no start ({@link #purchasedAt})
 * @param timerTermEnd   the end of term the current timer chain belongs to; null when it has none
 * @param nextTimer      the chain's next timer, null when the chain is finished or there is none
 * @param earlierChains  progress of the chains of earlier ends of term, so that no timer fires twice
 * @param earlierEvents  ids of the events applied before the held one, to recognise repeats
 * @param customerName   the latest {@code customerName} reported with this subscription's events; the
 *                       tenant's name is the one reported last over all its subscriptions
 * @param nameAt         when that name was reported (the event's {@code occurredAt})
 */
public record SubscriptionFact(HeldSubscription held, String countryCode, Instant countryAt, Instant gainedAt,
                               Instant timerTermEnd, TimerType nextTimer, EarlierChains earlierChains,
                               RecentEventIds earlierEvents, String customerName, Instant nameAt) {

    public SubscriptionFact {
        earlierChains = earlierChains == null ? EarlierChains.NONE : earlierChains;
        earlierEvents = earlierEvents == null ? RecentEventIds.NONE : earlierEvents;
    }

    /** A fact whose events never reported the customer's name. */
    public SubscriptionFact(HeldSubscription held, String countryCode, Instant countryAt, Instant gainedAt,
                            Instant timerTermEnd, TimerType nextTimer, EarlierChains earlierChains,
                            RecentEventIds earlierEvents) {
        this(held, countryCode, countryAt, gainedAt, timerTermEnd, nextTimer, earlierChains, earlierEvents, null, null);
    }

    public String id() {
        return held.id();
    }

    public String offerId() {
        return held.subscription().offerId();
    }

    /**
     * When this subscription was bought, for repurchase: null while it never counted; else its
     * {@code effectiveStartDate}, and only when that is absent the time it was first seen counted. A
     * counted subscription of the same or an equivalent offer bought after an expired one's term end
     * repurchases it. The start, not the time the guard saw it, so that the first snapshot of a
     * subscription bought long ago (a backfill) repurchases nothing.
     */
    public Instant purchasedAt() {
        if (gainedAt == null) {
            return null;
        }
        Instant start = held.subscription().effectiveStartDate();
        return start != null ? start : gainedAt;
    }

    /** True while a timer of the chain waits in the schedule. */
    public boolean timerPending() {
        return timerTermEnd != null && nextTimer != null;
    }

    public SubscriptionFact withChain(Instant termEnd, TimerType next, EarlierChains earlier) {
        return new SubscriptionFact(held, countryCode, countryAt, gainedAt, termEnd, next, earlier, earlierEvents,
                customerName, nameAt);
    }

    public SubscriptionFact withNextTimer(TimerType type) {
        return new SubscriptionFact(held, countryCode, countryAt, gainedAt, timerTermEnd, type, earlierChains,
                earlierEvents, customerName, nameAt);
    }

    /** True when {@code eventId} is the held snapshot's event or one applied shortly before it. */
    public boolean applied(String eventId) {
        return eventId.equals(held.lastEventId()) || earlierEvents.contains(eventId);
    }

    /** The earlier events a successor of this fact keeps: this one's and its predecessors'. */
    public RecentEventIds eventsForSuccessor() {
        return earlierEvents.with(held.lastEventId());
    }
}
