package com.cspguard.topology;

import com.cspguard.domain.GuardPolicy;

import java.time.Duration;

/**
 * Settings of the topology.
 *
 * @param dedupeWindow      how long seen event ids are kept to drop repeats
 * @param timerInterval     how often the wall-clock punctuation looks for due timers
 * @param timerBatch        most timers fired in one punctuation; the rest wait for the next
 */
public record GuardSettings(GuardPolicy policy, GuardTopics topics, Duration dedupeWindow,
                            Duration timerInterval, int timerBatch) {

    public static GuardSettings defaults() {
        return new GuardSettings(GuardPolicy.defaults(), GuardTopics.defaults(), Duration.ofHours(48),
                Duration.ofSeconds(1), 10_000);
    }

    public GuardSettings withPolicy(GuardPolicy p) {
        return new GuardSettings(p, topics, dedupeWindow, timerInterval, timerBatch);
    }

    public GuardSettings withTopics(GuardTopics t) {
        return new GuardSettings(policy, t, dedupeWindow, timerInterval, timerBatch);
    }
}
