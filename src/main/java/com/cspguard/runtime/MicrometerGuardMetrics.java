package com.cspguard.runtime;

import com.cspguard.topology.config.GuardMetrics;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;

/** The topology's counters as Micrometer meters, exported on {@code /prometheus}. */
@Singleton
public class MicrometerGuardMetrics implements GuardMetrics {
    private final MeterRegistry registry;
    private final DistributionSummary reads;
    private final DistributionSummary writes;
    private final DistributionSummary timersTaken;

    public MicrometerGuardMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.reads = DistributionSummary.builder("guard.store.reads")
                .description("Fact store reads per input record or punctuation")
                .register(registry);
        this.writes = DistributionSummary.builder("guard.store.writes")
                .description("Fact store writes (changelog records) per input record or punctuation")
                .register(registry);
        this.timersTaken = DistributionSummary.builder("guard.timers.taken")
                .description("Timer schedule entries taken per punctuation (fired or stale)")
                .register(registry);
    }

    @Override
    public void deadLettered(String sourceTopic) {
        registry.counter("guard.dead.letters", "topic", sourceTopic).increment();
    }

    @Override
    public void ignored(String why) {
        registry.counter("guard.events.ignored", "reason", why).increment();
    }

    @Override
    public void storeOperations(int readCount, int writeCount) {
        reads.record(readCount);
        writes.record(writeCount);
    }

    @Override
    public void timerFired(String timerType) {
        registry.counter("guard.timers.fired", "type", timerType).increment();
    }

    @Override
    public void timersTaken(int entries) {
        timersTaken.record(entries);
    }

    @Override
    public void indexesRebuilt(long subscriptions, long nanos) {
        registry.counter("guard.indexes.rebuilt.subscriptions").increment(subscriptions);
        registry.timer("guard.indexes.rebuild").record(java.time.Duration.ofNanos(nanos));
    }

    @Override
    public void decisionEmitted(String decision) {
        registry.counter("guard.decisions", "decision", decision).increment();
    }
}
