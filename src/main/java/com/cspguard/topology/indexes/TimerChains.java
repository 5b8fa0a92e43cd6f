package com.cspguard.topology.indexes;

import com.cspguard.domain.HeldSubscription;
import com.cspguard.domain.TimerRules;
import com.cspguard.domain.TimerType;
import com.cspguard.topology.facts.EarlierChains;
import com.cspguard.topology.facts.SubscriptionFact;

import java.time.Instant;
import java.util.Objects;

/**
 * Keeps each subscription's timer chain in step with its snapshot and the schedule in step with
 * the facts: a new end of term moves the chain, a deletion stops it, an unchanged end leaves it
 * alone. A chain whose end of term the subscription had before resumes where it stopped
 * ({@link EarlierChains}), so a timer fires at most once whatever the sequence of snapshots.
 */
public final class TimerChains {
    private final TimerRules rules;

    public TimerChains(TimerRules rules) {
        this.rules = rules;
    }

    /** {@code next} with the chain it gets after replacing {@code old} (null for a new subscription). */
    public SubscriptionFact chain(SubscriptionFact old, SubscriptionFact next) {
        HeldSubscription held = next.held();
        Instant newEnd = TimerRules.hasTimers(held) ? held.subscription().termEnd() : null;
        if (old == null) {
            return next.withChain(newEnd, newEnd == null ? null : TimerType.TERM_ENDING, EarlierChains.NONE);
        }
        if (Objects.equals(newEnd, old.timerTermEnd())) {
            return next.withChain(old.timerTermEnd(), old.nextTimer(), old.earlierChains());
        }
        // A chain that passed no due time yet is not remembered: starting it again is the same.
        EarlierChains earlier = old.timerTermEnd() == null || old.nextTimer() == TimerType.TERM_ENDING
                ? old.earlierChains() : old.earlierChains().with(old.timerTermEnd(), old.nextTimer());
        if (newEnd == null) {
            return next.withChain(null, null, earlier);
        }
        Byte progress = earlier.progress(newEnd);
        TimerType resume = progress == null ? TimerType.TERM_ENDING
                : progress == EarlierChains.FINISHED ? null : TimerType.values()[progress];
        return next.withChain(newEnd, resume, earlier.without(newEnd));
    }

    /** Puts the schedule in step after a fact went from {@code old} to {@code next}. */
    public void follow(TimerSchedule schedule, String tenantId, SubscriptionFact old, SubscriptionFact next) {
        boolean same = old != null && old.timerPending() && next.timerPending()
                && old.nextTimer() == next.nextTimer() && old.timerTermEnd().equals(next.timerTermEnd());
        if (same) {
            return;
        }
        if (old != null && old.timerPending()) {
            schedule.retire();
        }
        if (next.timerPending()) {
            schedule(schedule, tenantId, next);
        }
    }

    /** Schedules the fact's pending timer; one already due fires at the next punctuation. */
    public void schedule(TimerSchedule schedule, String tenantId, SubscriptionFact fact) {
        schedule.add(dueAt(fact), (byte) fact.nextTimer().ordinal(), tenantId, fact.id());
    }

    /** Due time of the fact's pending timer in epoch milliseconds. */
    public long dueAt(SubscriptionFact fact) {
        return rules.dueAt(fact.nextTimer(), fact.timerTermEnd()).toEpochMilli();
    }

    public Instant dueAt(TimerType type, Instant termEnd) {
        return rules.dueAt(type, termEnd);
    }
}
