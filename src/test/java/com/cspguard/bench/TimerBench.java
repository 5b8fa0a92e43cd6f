package com.cspguard.bench;

import com.cspguard.topology.TimerEntry;
import com.cspguard.topology.TimerKey;
import com.cspguard.topology.TimerStore;
import com.cspguard.topology.WriteCounter;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.function.BiConsumer;

/**
 * The timer store's mechanism on RocksDB: N timers spread over the next year, then the cost of a
 * punctuation with nothing due, then timers fired per second when many are due. The store runs
 * inside a TopologyTestDriver task with its changelog off, because what is measured is the
 * store's scan, not the broker.
 */
final class TimerBench {
    private TimerBench() { }

    static void run(Path dir, BiConsumer<String, String> put) throws Exception {
        String sizes = System.getProperty("bench.timers", "1000000,10000000");
        for (String s : sizes.split(",")) {
            runOne(dir, Integer.parseInt(s.trim()), put);
        }
    }

    private static void runOne(Path dir, int count, BiConsumer<String, String> put) throws Exception {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore("timers"),
                Serdes.Bytes(), Serdes.ByteArray()).withLoggingDisabled());
        long now = Instant.parse("2026-11-24T00:00:00Z").toEpochMilli();
        builder.stream("go", Consumed.with(Serdes.String(), Serdes.String()))
                .process(() -> new Processor<String, String, Void, Void>() {
                    private TimerStore timers;

                    @Override
                    public void init(ProcessorContext<Void, Void> context) {
                        KeyValueStore<Bytes, byte[]> store = context.getStateStore("timers");
                        timers = new TimerStore(store, new WriteCounter());
                    }

                    @Override
                    public void process(Record<String, String> record) {
                        Random r = new Random(7);
                        long t0 = System.nanoTime();
                        for (int i = 0; i < count; i++) {
                            long due = now + 3_600_000L + (long) (r.nextDouble() * 365 * 86_400_000L);
                            String owner = "tenant-" + (i % 20_000) + "|sub-" + i;
                            timers.schedule((byte) 1, owner, new TimerEntry("tenant-" + (i % 20_000), "sub-" + i,
                                    "TERM_ENDED", due, Instant.ofEpochMilli(due)));
                        }
                        double scheduleSeconds = (System.nanoTime() - t0) / 1e9;
                        put.accept(String.format("timers: schedule %,d", count),
                                String.format("%,.0f timers/s", count / scheduleSeconds));

                        int probes = 10_000;
                        long readBefore = timers.entriesRead();
                        long p0 = System.nanoTime();
                        for (int i = 0; i < probes; i++) {
                            timers.due(now + i, 10_000);
                        }
                        double micros = (System.nanoTime() - p0) / 1e3 / probes;
                        put.accept(String.format("timers: punctuation with none due, %,d scheduled (target < 1 ms)", count),
                                String.format("%.3f µs, %d entries read", micros, timers.entriesRead() - readBefore));

                        int toFire = Math.min(count, 1_000_000);
                        long far = now + 400L * 86_400_000L;
                        long f0 = System.nanoTime();
                        int fired = 0;
                        while (fired < toFire) {
                            List<TimerStore.Due> due = timers.due(far, Math.min(10_000, toFire - fired));
                            if (due.isEmpty()) {
                                break;
                            }
                            for (TimerStore.Due d : due) {
                                timers.remove(d.key());
                            }
                            fired += due.size();
                        }
                        double fireSeconds = (System.nanoTime() - f0) / 1e9;
                        put.accept(String.format("timers: fire due timers, %,d scheduled (target >= 100,000/s)", count),
                                String.format("%,.0f timers/s (%,d fired in batches of 10,000)", fired / fireSeconds, fired));
                    }
                }, org.apache.kafka.streams.kstream.Named.as("timer-bench"), "timers");
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench-timers");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        Files.createDirectories(dir);
        p.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory(dir, "t").toString());
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), p)) {
            driver.createInputTopic("go", Serdes.String().serializer(), Serdes.String().serializer()).pipeInput("k", "v");
        }
    }
}
