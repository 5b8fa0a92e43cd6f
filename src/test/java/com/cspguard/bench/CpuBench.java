package com.cspguard.bench;

import com.cspguard.topology.GuardMetrics;
import com.cspguard.topology.GuardSettings;
import com.cspguard.topology.GuardTopology;
import com.cspguard.topology.Routed;
import com.cspguard.topology.TenantGuardProcessor;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import com.cspguard.topology.StoreNames;

import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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

    static void run(int tenants, long seed, BiConsumer<String, String> put) throws Exception {
        List<DataSet.Rec> records = new ArrayList<>();
        int limit = Integer.getInteger("bench.cpu.records", 800_000);
        new DataSet(tenants, seed, Instant.now()).generate((t, r) -> {
            if (records.size() < limit) {
                records.add(r);
            }
        });
        GuardSettings settings = GuardSettings.defaults();
        int warmup = records.size() / 4;
        double rocks = measure(records, warmup, GuardTopology.stores(settings), settings, null);
        put.accept("CPU: processor on RocksDB stores, no broker, 1 thread (target >= 200,000/s)",
                String.format("%,.0f events/s (%,d events after %,d warm-up)", rocks, records.size() - warmup, warmup));
        // The same with in-memory stores of the same names: not how the service runs, but it splits
        // the cost between the guard's own code and RocksDB.
        double memory = measure(records, warmup, inMemoryStores(), settings, null);
        put.accept("CPU: the same on in-memory stores (the guard's own code without RocksDB)",
                String.format("%,.0f events/s", memory));
        // The floor: the very store operations of these events replayed alone on RocksDB, without the
        // guard's own code. Recorded on in-memory stores (untimed), replayed on fresh RocksDB stores.
        StoreOpLog log = new StoreOpLog();
        measure(records, warmup, inMemoryStores(), settings, log);
        double replay;
        try (Task task = Task.open(GuardTopology.stores(settings))) {
            replay = log.replay(task.keyValueStores());
        }
        int measured = records.size() - warmup;
        put.accept("CPU: only the store operations of the same events, replayed on RocksDB",
                String.format("%,.0f events/s (%.1f operations per event)", measured / replay,
                        log.timedOperations() / (double) measured));
    }

    /**
     * A task context over a fresh state directory, and the stores of {@code builders} opened in it
     * without changelogs or caches (there is no broker).
     */
    private record Task(MockProcessorContext<byte[], Routed> context, List<StateStore> stores) implements AutoCloseable {
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
            return new Task(context, stores);
        }

        @SuppressWarnings("unchecked")
        List<KeyValueStore<Object, byte[]>> keyValueStores() {
            return stores.stream().map(s -> (KeyValueStore<Object, byte[]>) s).toList();
        }

        @Override
        public void close() {
            stores.forEach(StateStore::close);
        }
    }

    private static Properties properties(java.io.File dir) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench-cpu");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, com.cspguard.topology.GuardRocksDBConfig.class.getName());
        p.put(StreamsConfig.STATE_DIR_CONFIG, dir.toString());
        return p;
    }

    private static List<StoreBuilder<?>> inMemoryStores() {
        return List.of(
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(StoreNames.STATE), Serdes.String(), Serdes.ByteArray()));
    }

    /**
     * Events per second after {@code warmup} records, on fresh stores built by {@code builders};
     * when {@code log} is given, every store operation is logged to it.
     */
    private static double measure(List<DataSet.Rec> records, int warmup, List<StoreBuilder<?>> builders,
                                  GuardSettings settings, StoreOpLog log) throws Exception {
        try (Task task = Task.open(builders)) {
            MockProcessorContext<byte[], Routed> context = task.context();
            for (KeyValueStore<Object, byte[]> store : task.keyValueStores()) {
                context.addStateStore(log == null ? store : log.recording(store));
            }
            TenantGuardProcessor processor = new TenantGuardProcessor(settings, GuardMetrics.NONE);
            processor.init(context);
            long t0 = 0;
            for (int i = 0; i < records.size(); i++) {
                if (i == warmup) {
                    t0 = System.nanoTime();
                    if (log != null) {
                        log.startTiming();
                    }
                }
                DataSet.Rec r = records.get(i);
                context.setRecordMetadata(r.topic(), 0, i);
                context.setCurrentSystemTimeMs(1_764_000_000_000L + i);
                processor.process(new Record<>(r.key(), r.value(), i));
                if ((i & 1023) == 0) {
                    context.resetForwards();
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            return (records.size() - warmup) / seconds;
        }
    }
}
