package com.cspguard.bench;

import com.cspguard.domain.Channel;
import com.cspguard.domain.GuardPolicy;
import com.cspguard.domain.HeldSubscription;
import com.cspguard.domain.Subscription;
import com.cspguard.domain.SubscriptionStatus;
import com.cspguard.domain.TimerRules;
import com.cspguard.domain.TimerType;
import com.cspguard.topology.config.StoreNames;
import com.cspguard.topology.facts.BinaryCodecs;
import com.cspguard.topology.facts.FactKeys;
import com.cspguard.topology.facts.FactStore;
import com.cspguard.topology.facts.SubscriptionFact;
import com.cspguard.topology.indexes.GuardIndexes;
import com.cspguard.topology.indexes.TimerChains;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * The cost of deriving the indexes from the facts, as a task pays it after every restore: N
 * subscription facts (UUID ids, 42 per tenant, mixed statuses and end dates, as the data set) in a
 * RocksDB store with the service's settings, then one timed {@link GuardIndexes#rebuild} and the
 * heap the indexes hold afterwards (measured after full collections).
 */
final class IndexBench {
    private IndexBench() { }

    private static final SubscriptionStatus[] STATUSES = {SubscriptionStatus.ACTIVE, SubscriptionStatus.ACTIVE,
            SubscriptionStatus.ACTIVE, SubscriptionStatus.SUSPENDED, SubscriptionStatus.EXPIRED, SubscriptionStatus.PENDING,
            SubscriptionStatus.DELETED};

    static void run(Path dir, BiConsumer<String, String> put) throws Exception {
        int count = Integer.getInteger("bench.index.subscriptions", 1_000_000);
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.STATE),
                Serdes.String(), Serdes.ByteArray()).withLoggingDisabled());
        builder.stream("go", Consumed.with(Serdes.String(), Serdes.String()))
                .process(() -> new Processor<String, String, Void, Void>() {
                    private KeyValueStore<String, byte[]> store;

                    @Override
                    public void init(ProcessorContext<Void, Void> context) {
                        store = context.getStateStore(StoreNames.STATE);
                    }

                    @Override
                    public void process(Record<String, String> record) {
                        fill(store, count);
                        measure(store, count, put);
                    }
                }, Named.as("index-bench"), StoreNames.STATE);
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench-index");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, com.cspguard.topology.config.GuardRocksDBConfig.class.getName());
        Files.createDirectories(dir);
        p.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory(dir, "i").toString());
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), p)) {
            driver.createInputTopic("go", Serdes.String().serializer(), Serdes.String().serializer()).pipeInput("k", "v");
        }
    }

    private static void fill(KeyValueStore<String, byte[]> store, int count) {
        Random r = new Random(11);
        Instant now = Instant.parse("2026-11-24T00:00:00Z");
        TimerRules rules = new TimerRules(GuardPolicy.defaults());
        String tenant = null;
        for (int i = 0; i < count; i++) {
            if (i % 42 == 0) {
                tenant = new UUID(r.nextLong(), r.nextLong()).toString();
            }
            String id = new UUID(r.nextLong(), r.nextLong()).toString();
            SubscriptionStatus status = STATUSES[r.nextInt(STATUSES.length)];
            LocalDate end = LocalDate.of(2026, 9, 1).plusDays(r.nextInt(500));
            Subscription sub = new Subscription(id, "CFQ7TTC0LH" + (10 + r.nextInt(40)) + ":0001", null, 1 + r.nextInt(50),
                    status, r.nextBoolean(), null, end, null, null, null, false);
            Instant at = now.minusSeconds(r.nextInt(86_400 * 30));
            HeldSubscription held = new HeldSubscription(new UUID(r.nextLong(), r.nextLong()).toString(), at, Channel.CSP,
                    "bf8c56ab-0000-4000-8000-00000000000a", sub);
            Instant termEnd = sub.termEnd();
            TimerType next = status == SubscriptionStatus.DELETED ? null
                    : rules.dueAt(TimerType.TERM_ENDING, termEnd).isAfter(now) ? TimerType.TERM_ENDING : TimerType.REPURCHASE_DEADLINE;
            SubscriptionFact fact = new SubscriptionFact(held, "DE", at, status == SubscriptionStatus.DELETED ? null : at,
                    status == SubscriptionStatus.DELETED ? null : termEnd, next, null, null);
            store.put(FactKeys.subscription(tenant, id), BinaryCodecs.SUBSCRIPTION.write(fact));
        }
        store.flush();
    }

    private static void measure(KeyValueStore<String, byte[]> store, int count, BiConsumer<String, String> put) {
        GuardPolicy policy = GuardPolicy.defaults();
        TimerChains chains = new TimerChains(new TimerRules(policy));
        // One unmeasured rebuild warms the code; the measured one follows.
        new GuardIndexes(policy, chains).rebuild(new FactStore(store), "warm-up");
        long before = usedHeapAfterGc();
        GuardIndexes indexes = new GuardIndexes(policy, chains);
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        GuardIndexes.Rebuild rebuild = indexes.rebuild(new FactStore(store), "bench");
        long cpu = threads.getCurrentThreadCpuTime() - cpu0;
        long after = usedHeapAfterGc();
        double millions = rebuild.subscriptions() / 1e6;
        put.accept(String.format("indexes: rebuild from %,d subscriptions (target <= 1 s per million)", count),
                String.format("%.2f s per million (%.2f s CPU of the thread; %,d timers)", rebuild.nanos() / 1e9 / millions,
                        cpu / 1e9 / millions, indexes.schedule().size()));
        put.accept("indexes: heap per subscription (target <= 150 bytes)",
                String.format("%.0f bytes (%,d tenants)", (after - before) / (double) count, indexes.tenants().size()));
    }

    private static long usedHeapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
