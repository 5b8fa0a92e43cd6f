package com.cspguard.topology.config;

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
 * @param ops               how often each task publishes its operations view, how far ahead it looks
 *                          for deadlines, and where it publishes it
 * @param countsInterval    how often the tenants whose counts changed get their latest counts record
 *                          (the counts output is coalesced per interval, like a KTable's cache per
 *                          commit); the runtime sets it to the commit interval unless told otherwise
 */
public record GuardSettings(GuardPolicy policy, GuardTopics topics,
                            Duration timerInterval, int timerBatch, InputLimits limits, int maxOutputBytes,
                            OpsViewSettings ops, Duration countsInterval) {

    /** Kafka Streams' commit interval under exactly-once, and so the counts interval unless set. */
    public static final Duration DEFAULT_COUNTS_INTERVAL = Duration.ofMillis(100);

    public GuardSettings {
        if (countsInterval == null || countsInterval.isZero() || countsInterval.isNegative()) {
            throw new IllegalArgumentException("the counts interval must be positive, was " + countsInterval);
        }
    }

    /**
     * The operations page's views: built every {@code interval} and published to {@code views}; their
     * deadlines (within {@code horizon}) made again from the timer schedule every {@code deadlineInterval},
     * as that reads the fact of every timer due within the horizon (a slice per view, OpsViewBuilder).
     * {@code paced}: a view takes its turn only when the views so far took at most a twentieth of the
     * stream thread (ViewPacing); off only in tests that look at every view, whose build times on a
     * loaded machine would otherwise decide which views are made.
     */
    public record OpsViewSettings(Duration interval, Duration horizon, Duration deadlineInterval, boolean paced) {
        public OpsViewSettings(Duration interval, Duration horizon, Duration deadlineInterval) {
            this(interval, horizon, deadlineInterval, true);
        }

        public static OpsViewSettings defaults() {
            return new OpsViewSettings(Duration.ofSeconds(2), Duration.ofDays(14), Duration.ofSeconds(30));
        }

        /** The same, with a view at every interval however long it takes. */
        public OpsViewSettings unpaced() {
            return new OpsViewSettings(interval, horizon, deadlineInterval, false);
        }
    }

    public GuardSettings(GuardPolicy policy, GuardTopics topics, Duration timerInterval, int timerBatch, InputLimits limits,
                         int maxOutputBytes) {
        this(policy, topics, timerInterval, timerBatch, limits, maxOutputBytes, OpsViewSettings.defaults());
    }

    public GuardSettings(GuardPolicy policy, GuardTopics topics, Duration timerInterval, int timerBatch, InputLimits limits,
                         int maxOutputBytes, OpsViewSettings ops) {
        this(policy, topics, timerInterval, timerBatch, limits, maxOutputBytes, ops, DEFAULT_COUNTS_INTERVAL);
    }

    public static GuardSettings defaults() {
        return new GuardSettings(GuardPolicy.defaults(), GuardTopics.defaults(), Duration.ofMillis(200), 2_000,
                InputLimits.defaults(), RecordSize.limitFor(RecordSize.DEFAULT_MAX_REQUEST_SIZE));
    }

    public GuardSettings withPolicy(GuardPolicy p) {
        return new GuardSettings(p, topics, timerInterval, timerBatch, limits, maxOutputBytes, ops, countsInterval);
    }

    public GuardSettings withTopics(GuardTopics t) {
        return new GuardSettings(policy, t, timerInterval, timerBatch, limits, maxOutputBytes, ops, countsInterval);
    }

    public GuardSettings withLimits(InputLimits l, int maxOutput) {
        return new GuardSettings(policy, topics, timerInterval, timerBatch, l, maxOutput, ops, countsInterval);
    }

    public GuardSettings withOps(OpsViewSettings o) {
        return new GuardSettings(policy, topics, timerInterval, timerBatch, limits, maxOutputBytes, o, countsInterval);
    }

    public GuardSettings withCountsInterval(Duration interval) {
        return new GuardSettings(policy, topics, timerInterval, timerBatch, limits, maxOutputBytes, ops, interval);
    }
}
