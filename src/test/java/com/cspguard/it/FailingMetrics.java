package com.cspguard.it;

import com.cspguard.runtime.MicrometerGuardMetrics;
import com.cspguard.topology.config.GuardMetrics;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for the metrics in {@link OutageIT} only (it needs the property
 * {@code guard.test.failing-metrics}): while failures are left, counting a dead letter throws an
 * Error, which no exception handler of the topology or of Kafka Streams turns into a dead letter,
 * so the stream thread dies on that record, is replaced, reads it again and dies again, until none
 * are left.
 */
@Singleton
@Replaces(MicrometerGuardMetrics.class)
@Requires(property = "guard.test.failing-metrics")
public class FailingMetrics implements GuardMetrics {
    static final AtomicInteger FAILURES_LEFT = new AtomicInteger();

    /** What the failing thread throws. */
    static final class InjectedFailure extends Error {
        InjectedFailure() {
            super("injected by FailingMetrics");
        }
    }

    @Override
    public void deadLettered(String sourceTopic) {
        if (FAILURES_LEFT.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new InjectedFailure();
        }
    }

    @Override public void ignored(String why) { }
    @Override public void storeOperations(int reads, int writes) { }
    @Override public void timerFired(String timerType) { }
    @Override public void timersTaken(int entries) { }
    @Override public void decisionEmitted(String decision) { }
    @Override public void indexesRebuilt(long subscriptions, long nanos) { }
}
