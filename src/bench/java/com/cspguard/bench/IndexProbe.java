package com.cspguard.bench;

import com.cspguard.topology.config.Routed;
import com.cspguard.topology.TenantGuardProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;

import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * Rebuild time and heap of the processor's in-memory indexes (issue 10): a fresh processor is
 * initialised on the stores a run has filled, as Kafka Streams does after a restore, and
 * {@code init()} is timed; the heap it keeps is measured around it (the stores are RocksDB, off
 * the heap).
 */
final class IndexProbe {
    private IndexProbe() { }

    /**
     * How many subscriptions a processor's indexes hold after its {@code init()}.
     */
    static final ToLongFunction<TenantGuardProcessor> HOOK = p -> p.indexes().subscriptions();

    record Figures(long subscriptions, double seconds, long heapBytes) {
        double secondsPerMillion() {
            return seconds * 1_000_000.0 / subscriptions;
        }

        double heapBytesPerSubscription() {
            return (double) heapBytes / subscriptions;
        }
    }

    /** Empty when the indexes report no subscriptions. */
    static Optional<Figures> measure(Supplier<TenantGuardProcessor> fresh, ProcessorContext<byte[], Routed> context) {
        TenantGuardProcessor processor = fresh.get();
        long heapBefore = usedHeapAfterGc();
        long t0 = System.nanoTime();
        processor.init(context);
        double seconds = (System.nanoTime() - t0) / 1e9;
        long heapAfter = usedHeapAfterGc();
        long subscriptions = HOOK.applyAsLong(processor);
        Reference.reachabilityFence(processor);
        return subscriptions <= 0 ? Optional.empty()
                : Optional.of(new Figures(subscriptions, seconds, heapAfter - heapBefore));
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
