package com.cspguard.topology;

import com.cspguard.domain.GuardPolicy;

import java.time.Duration;

/**
 * Settings of the topology.
 *
 * @param timerInterval     how often the wall-clock punctuation looks for due timers
 * @param timerBatch        most timers fired in one punctuation; the rest wait for the next. Small
 *                          batches often rather than large ones seldom: records wait while a
 *                          punctuation runs
 */
public record GuardSettings(GuardPolicy policy, GuardTopics topics,
                            Duration timerInterval, int timerBatch) {

    public static GuardSettings defaults() {
        return new GuardSettings(GuardPolicy.defaults(), GuardTopics.defaults(), Duration.ofMillis(200), 2_000);
    }

    public GuardSettings withPolicy(GuardPolicy p) {
        return new GuardSettings(p, topics, timerInterval, timerBatch);
    }

    public GuardSettings withTopics(GuardTopics t) {
        return new GuardSettings(policy, t, timerInterval, timerBatch);
    }
}
