package com.cspguard.bench;

import com.cspguard.topology.views.OpsViews;
import com.cspguard.topology.config.GuardMetrics;
import com.cspguard.topology.config.GuardSettings;
import com.cspguard.topology.GuardTopology;
import com.cspguard.topology.config.Routed;
import com.cspguard.topology.TenantGuardProcessor;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import com.cspguard.topology.config.StoreNames;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.BiConsumer;

/**
 * Events per second through the service's processor on one thread, without a broker: the real
 * TenantGuardProcessor on real RocksDB stores (changelogs off, there is no broker), fed records
 * one by one. TopologyTestDriver was tried first; it commits after every record and compiles
 * regexes per record, so it measured itself more than the service.
 */
final class CpuBench {
    private CpuBench() { }

    /**
     * Records between two flushes of the counts output. The service flushes every commit interval
     * (100 ms), which at the service's 15-30 k records/s end to end holds about 2,000 records; the
     * benchmark feeds records without a clock that means anything, so it flushes by count.
     */
    static final int FLUSH_EVERY = Integer.getInteger("bench.cpu.flush.records", 2_000);

    static void run(BenchData data, BiConsumer<String, String> put) throws Exception {
        List<DataSet.Rec> records = new ArrayList<>();
        int limit = Integer.getInteger("bench.cpu.records", 800_000);
        data.generate((t, r) -> {
            if (records.size() < limit) {
                records.add(r);
            }
        });
        int[] profiles = profiles(records, data, data.creations());
        GuardSettings settings = GuardSettings.defaults();
        int warmup = records.size() / 4;
        warmUp(records, profiles, settings);
        double compiledBefore = StreamsRun.compileSeconds();
        int passes = Math.max(1, Integer.getInteger("bench.cpu.passes", 5));
        List<Measured> timed = new ArrayList<>();
        for (int p = 0; p < passes; p++) {
            timed.add(measure(records, profiles, warmup, GuardTopology.stores(settings), settings, null, p == passes - 1));
        }
        Measured rocks = timed.get(timed.size() - 1);
        double[] rates = timed.stream().mapToDouble(Measured::rate).toArray();
        put.accept("CPU: processor on RocksDB stores, no broker, 1 thread (target >= 100,000/s)",
                String.format("%,.0f events/s, median of %d passes (%s; %,d events after %,d warm-up each, %d whole pass(es) before; JIT %.1f s in them)",
                        median(rates), passes, inOrder(rates), records.size() - warmup, warmup,
                        Integer.getInteger("bench.cpu.warmup.passes", 1), StreamsRun.compileSeconds() - compiledBefore));
        if (Boolean.getBoolean("bench.cpu.rocks.only")) {
            return; // for a profile of the service's path alone (bench/async-profile.sh does the kafka phase)
        }
        // The same with in-memory stores of the same names: not how the service runs, but it splits
        // the cost between the guard's own code and RocksDB.
        Measured memory = measure(records, profiles, warmup, inMemoryStores(), settings, null, false);
        put.accept("CPU: the same on in-memory stores (the guard's own code without RocksDB)",
                String.format("%,.0f events/s", memory.rate()));
        // The floor: the very store operations of these events replayed alone on RocksDB, without the
        // guard's own code. Recorded on in-memory stores (untimed), replayed on fresh RocksDB stores.
        StoreOpLog log = new StoreOpLog();
        Measured logged = measure(records, profiles, warmup, inMemoryStores(), settings, log, false);
        double replay;
        try (Task task = Task.open(GuardTopology.stores(settings))) {
            replay = log.replay(task.keyValueStores());
        }
        int measured = records.size() - warmup;
        put.accept("CPU: only the store operations of the same events, replayed on RocksDB",
                String.format("%,.0f events/s (%.1f operations per event)", measured / replay,
                        log.timedOperations() / (double) measured));
        long events = logged.subscriptionEvents();
        put.accept("RocksDB operations per subscription event (store op log; target <= 2.2)",
                events == 0 ? "n/a (no subscription event timed)"
                        : String.format("%.2f (%s; %,d events)", logged.subscriptionOps() / (double) events,
                        StoreOpLog.describe(logged.subscriptionOpsByKind(), events), events));
        perTenantSize(rocks, logged, put);
        put.accept("index rebuild in init(), per million subscriptions of a task (target <= 1 s)",
                rocks.indexes().map(f -> String.format("%.3f s (%,d subscriptions in %.3f s)",
                        f.secondsPerMillion(), f.subscriptions(), f.seconds())).orElse(NO_PROBE));
        put.accept("index heap per subscription (target <= 150 bytes)",
                rocks.indexes().map(f -> String.format("%.0f bytes (%,d bytes for %,d subscriptions)",
                        f.heapBytesPerSubscription(), f.heapBytes(), f.subscriptions())).orElse(NO_PROBE));
    }

    /**
     * Passes over all the records, unmeasured, on fresh RocksDB stores, before any measured pass
     * ({@code -Dbench.cpu.warmup.passes}, default 1). The measured pass's own warm-up (its first
     * quarter) holds the backfill's creations only: without a whole pass first, C2 compiled the
     * updates', flips' and transfer requests' code during the measured part (on the two cores of
     * this machine the compiler thread used two thirds of a core then, and the figure spread over
     * 24-38 k events/s; docs/benchmarks.md).
     */
    private static void warmUp(List<DataSet.Rec> records, int[] profiles, GuardSettings settings) throws Exception {
        int passes = Integer.getInteger("bench.cpu.warmup.passes", 1);
        for (int p = 0; p < passes; p++) {
            measure(records, profiles, records.size() / 4, GuardTopology.stores(settings), settings, null, false);
        }
        StreamsRun.awaitCompilerIdle();
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** Each pass's rate in the order run: passes of one JVM spread by a fifth on this machine. */
    static String inOrder(double[] rates) {
        StringBuilder out = new StringBuilder("passes ");
        for (int i = 0; i < rates.length; i++) {
            out.append(i == 0 ? "" : ", ").append(String.format("%,.0f", rates[i]));
        }
        return out.toString();
    }

    private static final String NO_PROBE = "n/a (the indexes held no subscription)";

    /**
     * Per-event time of the flips in tenants of 400 subscriptions (100 awaiting repurchase) against
     * those in tenants of 5 (1 awaiting): an event should not cost more in a larger tenant.
     */
    private static void perTenantSize(Measured rocks, Measured logged, BiConsumer<String, String> put) {
        int large = DataSet.Profile.LARGE_FLIPPING.ordinal();
        int small = DataSet.Profile.SMALL_FLIPPING.ordinal();
        put.accept("CPU: per event, flips in tenants of 400 subscriptions, 100 awaiting repurchase",
                perEvent(rocks, logged, large));
        put.accept("CPU: per event, flips in tenants of 5 subscriptions, 1 awaiting repurchase",
                perEvent(rocks, logged, small));
        put.accept("CPU: per-event time 400-subscription / 5-subscription tenants (target <= 1.2)",
                rocks.events()[large] == 0 || rocks.events()[small] == 0 ? "n/a (no flips timed)"
                        : String.format("%.2f", rocks.microsPerEvent(large) / rocks.microsPerEvent(small)));
    }

    private static String perEvent(Measured rocks, Measured logged, int profile) {
        long n = rocks.events()[profile];
        if (n == 0) {
            return "n/a (no flips after the warm-up; raise bench.cpu.records or bench.tenants)";
        }
        return String.format("%.1f µs on RocksDB, %.2f store operations (%,d events)", rocks.microsPerEvent(profile),
                logged.ops()[profile] / (double) logged.events()[profile], n);
    }

    /**
     * By ordinal, the data set profile of each change's tenant, so that a flipping tenant's flips are
     * told from other events; {@code ORDINARY} for every creation (the first {@code creations}
     * records), -1 for a record that is not a subscription event.
     */
    private static int[] profiles(List<DataSet.Rec> records, BenchData data, long creations) {
        int[] profiles = new int[records.size()];
        Map<String, DataSet.Profile> byTenant = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            DataSet.Rec r = records.get(i);
            profiles[i] = !r.topic().equals("subscription-events") ? -1
                    : i < creations ? DataSet.Profile.ORDINARY.ordinal()
                    : byTenant.computeIfAbsent(new String(r.key(), StandardCharsets.UTF_8), data::profileOf).ordinal();
        }
        return profiles;
    }

    /**
     * What a pass measured: events per second; per data-set profile the timed events, their
     * nanoseconds (flipping profiles on a timed pass only) and store operations (when logged); the
     * store operations of all timed subscription events by kind; the index figures when probed.
     */
    private record Measured(double rate, long[] events, long[] nanos, long[] ops, long subscriptionEvents,
                            long[] subscriptionOpsByKind, Optional<IndexProbe.Figures> indexes) {
        double microsPerEvent(int profile) {
            return nanos[profile] / 1e3 / events[profile];
        }

        long subscriptionOps() {
            return java.util.Arrays.stream(subscriptionOpsByKind).sum();
        }
    }

    /**
     * A task context over a fresh state directory, and the stores of {@code builders} opened in it
     * without changelogs or caches (there is no broker). Closing it deletes the directory (each pass
     * left about 100 MB in the temporary directory).
     */
    private record Task(MockProcessorContext<byte[], Routed> context, List<StateStore> stores, java.io.File dir)
            implements AutoCloseable {
        static Task open(List<StoreBuilder<?>> builders) throws java.io.IOException {
            java.io.File dir = Files.createTempDirectory("bench-cpu").toFile();
            MockProcessorContext<byte[], Routed> context = new MockProcessorContext<>(properties(dir),
                    new org.apache.kafka.streams.processor.TaskId(0, 0), dir);
            List<StateStore> stores = new ArrayList<>();
            for (StoreBuilder<?> builder : builders) {
                StateStore store = builder.withLoggingDisabled().withCachingDisabled().build();
                store.init(context.getStateStoreContext(), store);
                stores.add(store);
            }
            return new Task(context, stores, dir);
        }

        @SuppressWarnings("unchecked")
        List<KeyValueStore<Object, byte[]>> keyValueStores() {
            return stores.stream().map(s -> (KeyValueStore<Object, byte[]>) s).toList();
        }

        @Override
        public void close() throws java.io.IOException {
            stores.forEach(StateStore::close);
            org.apache.kafka.common.utils.Utils.delete(dir);
        }
    }

    private static Properties properties(java.io.File dir) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench-cpu");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, com.cspguard.topology.config.GuardRocksDBConfig.class.getName());
        p.put(StreamsConfig.STATE_DIR_CONFIG, dir.toString());
        return p;
    }

    private static List<StoreBuilder<?>> inMemoryStores() {
        return List.of(
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(StoreNames.STATE), Serdes.String(), Serdes.ByteArray()));
    }

    /**
     * Events per second after {@code warmup} records, on fresh stores built by {@code builders};
     * when {@code log} is given, every store operation is logged to it; with {@code probeIndexes}, a
     * fresh processor is then initialised on the filled stores to measure its index rebuild.
     */
    private static Measured measure(List<DataSet.Rec> records, int[] profiles, int warmup, List<StoreBuilder<?>> builders,
                                    GuardSettings settings, StoreOpLog log, boolean probeIndexes) throws Exception {
        int kinds = DataSet.Profile.values().length;
        long[] events = new long[kinds];
        long[] nanos = new long[kinds];
        long[] ops = new long[kinds];
        long[] subscriptionOps = StoreOpLog.newTally();
        long subscriptionEvents = 0;
        int ordinary = DataSet.Profile.ORDINARY.ordinal();
        try (Task task = Task.open(builders)) {
            MockProcessorContext<byte[], Routed> context = task.context();
            for (KeyValueStore<Object, byte[]> store : task.keyValueStores()) {
                context.addStateStore(log == null ? store : log.recording(store));
            }
            TenantGuardProcessor processor = new TenantGuardProcessor(settings, GuardMetrics.NONE, new OpsViews());
            context.setCurrentSystemTimeMs(1_764_000_000_000L);
            processor.init(context);
            long t0 = 0;
            long cpu0 = 0;
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            for (int i = 0; i < records.size(); i++) {
                if (i == warmup) {
                    t0 = System.nanoTime();
                    cpu0 = threads.getCurrentThreadCpuTime();
                    if (log != null) {
                        log.startTiming();
                    }
                }
                DataSet.Rec r = records.get(i);
                int profile = profiles[i];
                boolean timed = i >= warmup && profile >= 0;
                // only the flipping tenants' events are timed one by one: a few percent of the events
                long started = timed && profile != ordinary ? System.nanoTime() : 0;
                int opsBefore = log == null ? 0 : log.size();
                context.setRecordMetadata(r.topic(), 0, i);
                context.setCurrentSystemTimeMs(1_764_000_000_000L + i);
                processor.process(new Record<>(r.key(), r.value(), i));
                if (i % FLUSH_EVERY == FLUSH_EVERY - 1) {
                    processor.flushCounts(1_764_000_000_000L + i);
                }
                if (timed) {
                    if (profile != ordinary) {
                        nanos[profile] += System.nanoTime() - started;
                    }
                    events[profile]++;
                    subscriptionEvents++;
                    if (log != null) {
                        ops[profile] += log.size() - opsBefore;
                        log.tally(opsBefore, subscriptionOps);
                    }
                }
                if ((i & 1023) == 0) {
                    context.resetForwards();
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
            if (Boolean.getBoolean("bench.cpu.verbose")) {
                long uptime = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
                System.out.printf("pass: %.2f s, %.2f s CPU of the thread, ended at %d ms%n", seconds, cpuSeconds, uptime);
            }
            context.resetForwards();
            Optional<IndexProbe.Figures> indexes = probeIndexes
                    ? IndexProbe.measure(() -> new TenantGuardProcessor(settings, GuardMetrics.NONE, new OpsViews()), context)
                    : Optional.empty();
            return new Measured((records.size() - warmup) / seconds, events, nanos, ops, subscriptionEvents,
                    subscriptionOps, indexes);
        }
    }
}
