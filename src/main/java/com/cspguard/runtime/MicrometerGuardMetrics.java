package com.cspguard.runtime;

import com.cspguard.topology.GuardMetrics;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;

/** The topology's counters as Micrometer meters, exported on {@code /prometheus}. */
@Singleton
public class MicrometerGuardMetrics implements GuardMetrics {
    private final MeterRegistry registry;
    private final DistributionSummary writes;
    private final DistributionSummary timerReads;

    public MicrometerGuardMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.writes = DistributionSummary.builder("guard.store.writes")
                .description("State store writes (changelog records) per input record or punctuation")
                .register(registry);
        this.timerReads = DistributionSummary.builder("guard.timer.entries.read")
                .description("Timer store entries read per punctuation")
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
    public void storeWrites(int count) {
        writes.record(count);
    }

    @Override
    public void timerFired(String timerType) {
        registry.counter("guard.timers.fired", "type", timerType).increment();
    }

    @Override
    public void timerEntriesRead(long entries) {
        timerReads.record(entries);
    }

    @Override
    public void decisionEmitted(String decision) {
        registry.counter("guard.decisions", "decision", decision).increment();
    }
}
