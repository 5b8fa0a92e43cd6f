package com.cspguard.topology;

import com.cspguard.domain.GuardPolicy;
import com.cspguard.topology.deadletters.RecordSize;
import com.cspguard.wire.InputLimits;

import java.time.Duration;

/**
 * Settings of the topology.
 *
 * @param timerInterval     how often the wall-clock punctuation looks for due timers
 * @param timerBatch        most timers fired in one punctuation; the rest wait for the next. Small
 *                          batches often rather than large ones seldom: records wait while a
 *                          punctuation runs
 * @param limits            what an input record may hold (sizes, time range), checked before it is processed
 * @param maxOutputBytes    the most bytes of one output record, below the producer's {@code max.request.size}
 *                          ({@link RecordSize#limitFor})
 */
public record GuardSettings(GuardPolicy policy, GuardTopics topics,
                            Duration timerInterval, int timerBatch, InputLimits limits, int maxOutputBytes) {

    public static GuardSettings defaults() {
        return new GuardSettings(GuardPolicy.defaults(), GuardTopics.defaults(), Duration.ofMillis(200), 2_000,
                InputLimits.defaults(), RecordSize.limitFor(RecordSize.DEFAULT_MAX_REQUEST_SIZE));
    }

    public GuardSettings withPolicy(GuardPolicy p) {
        return new GuardSettings(p, topics, timerInterval, timerBatch, limits, maxOutputBytes);
    }

    public GuardSettings withTopics(GuardTopics t) {
        return new GuardSettings(policy, t, timerInterval, timerBatch, limits, maxOutputBytes);
    }

    public GuardSettings withLimits(InputLimits l, int maxOutput) {
        return new GuardSettings(policy, topics, timerInterval, timerBatch, l, maxOutput);
    }
}
