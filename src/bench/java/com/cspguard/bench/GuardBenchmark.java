package com.cspguard.bench;

import com.cspguard.runtime.FormatLocale;
import com.cspguard.runtime.kafka.TopicDefinitions;
import com.cspguard.runtime.kafka.TopicProvisioner;
import com.cspguard.topology.config.GuardMetrics;
import com.cspguard.topology.config.GuardSettings;
import com.cspguard.topology.config.GuardTopics;
import com.cspguard.topology.GuardTopology;
import com.cspguard.wire.Json;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.processor.StateRestoreListener;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The whole benchmark in one run: throughput of the service's topology against the DSL peer and a
 * count baseline on one broker process and one data set, the Kafka records each writes per event, decision latency at half load, CPU cost without a broker,
 * timers, and state size and restore rate. Prints a table and writes target/bench/results.md.
 *
 * <pre>bench/run.sh [-Dbench.datasets=bench,churn] [-Dbench.tenants=20000] [-Dbench.seed=42] [-Dbench.latency.seconds=20]
 *              [-Dbench.churn.events=1000000] [-Dbench.churn.tenants=20000]
 *              [-Dbench.timers=1000000,10000000] [-Dbench.phases=cpu,timers,kafka,peer,baseline]
 *              [-Dbench.latency.rate=records/s, default half the service's throughput]
 *              [-Dbench.latency.profiler.jar=async-profiler.jar] [-Dbench.latency.profiler.options=event=wall,threads]
 *              [-Dbench.keep.data=true: keep the broker logs and state stores after each data set]</pre>
 */
public final class GuardBenchmark {
    private static final String SUBSCRIPTION_EVENTS = "subscription-events";
    private static final List<String> INPUTS = List.of(SUBSCRIPTION_EVENTS, "transfer-requests");
    /** Per measure, its value per data set (or under {@link #BOTH} when it does not depend on one). */
    private final Map<String, Map<String, String>> results = new LinkedHashMap<>();
    private static final String BOTH = "";
    /** The data set the current phase measures; {@link #BOTH} for the phases that use none. */
    private String column = BOTH;
    private final List<BenchData> dataSets = new ArrayList<>();
    private final Path out = Path.of(System.getProperty("bench.out", "target/bench"));
    private final int tenants = Integer.getInteger("bench.tenants", 20_000);
    private final long seed = Long.getLong("bench.seed", 42L);
    private final int latencySeconds = Integer.getInteger("bench.latency.seconds", 20);
    /**
     * Seconds of load before latencies count: the service at steady state, as it runs in production.
     * The latency run starts the service on state just restored from the changelog, which RocksDB
     * compacts during the first seconds; and the JVM, which ran the DSL peer and the count baseline
     * since the service's throughput run, recompiles: in the first 25 s of the latency run C2 made
     * about 700 compilations and 900 methods not entrant and took 45% of the JVM's CPU (the Jackson
     * parser, the metered stores, the record collector; the churn set's transfer requests appear
     * only here). With 5 s of warm-up the service never caught up with what piled up meanwhile (p50
     * 4-7 s at 11 k records/s); with 30 s it had, after 15 s (docs/benchmarks.md).
     */
    private final int latencyWarmupSeconds = Integer.getInteger("bench.latency.warmup.seconds", 30);

    public static void main(String[] args) throws Exception {
        FormatLocale.apply(); // as the service's main does: every application of the run gets it
        new GuardBenchmark().run();
        System.exit(0);
    }

    /**
     * Phases to run: -Dbench.phases=cpu,timers,indexes,kafka,peer,baseline (all by default). kafka
     * alone measures the service's throughput and the records it writes; with peer the DSL peer runs
     * after it; with baseline the count baseline, then state size, restore and latency. The warm-up
     * runs before the measured runs when peer or baseline does, or with -Dbench.warmup=true (kafka
     * alone, as the profiles take it).
     */
    private static boolean phase(String name) {
        String phases = System.getProperty("bench.phases", "cpu,timers,indexes,kafka,peer,baseline");
        return java.util.Arrays.asList(phases.split(",")).contains(name);
    }

    private void put(String name, String value) {
        results.computeIfAbsent(name, k -> new LinkedHashMap<>()).put(column, value);
        System.out.printf("%-8s %-58s %s%n", column.isEmpty() ? "" : "[" + column + "]", name, value);
    }

    /**
     * The data sets of the run, by -Dbench.datasets (both by default): {@code bench}, the seeded data
     * set of issues 5 and 10; {@code churn}, the churning load of issue 21.
     */
    private void chooseDataSets() {
        Instant now = Instant.now();
        for (String name : System.getProperty("bench.datasets", "bench,churn").split(",")) {
            switch (name.trim()) {
                case "bench" -> dataSets.add(new DataSet(tenants, seed, now));
                case "churn" -> dataSets.add(ChurnData.fromProperties(seed, now));
                default -> throw new IllegalArgumentException("bench.datasets: unknown data set " + name);
            }
        }
    }

    void run() throws Exception {
        deleteTree(out);
        Files.createDirectories(out);
        chooseDataSets();
        put("date", Instant.now().toString());
        put("machine", Runtime.getRuntime().availableProcessors() + " cores, "
                + (((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize() >> 30) + " GiB, " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch") + ", Java " + System.getProperty("java.version"));
        put("load average at the start (1 min)", String.format("%.1f",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        for (BenchData data : dataSets) {
            column = data.name();
            put("data set", data.describe());
        }
        if (phase("cpu")) {
            for (BenchData data : dataSets) {
                column = data.name();
                CpuBench.run(data, this::put);
            }
        }
        column = BOTH;
        if (phase("timers")) {
            TimerBench.run(this::put);
        }
        if (phase("indexes")) {
            IndexBench.run(out.resolve("indexes"), this::put);
        }
        if (phase("kafka")) {
            for (BenchData data : dataSets) {
                column = data.name();
                kafka(data, out.resolve(data.name()));
            }
        }
        column = BOTH;
        put("load average at the end (1 min)", String.format("%.1f",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        writeResults();
    }

    /** The Kafka phases on one data set, on a broker of its own (fresh topics). */
    private void kafka(BenchData data, Path dir) throws Exception {
        Files.createDirectories(dir);
        Process broker = startBroker(dir);
        try {
            String bootstrap = awaitReady(broker, dir);
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                new TopicProvisioner(admin, Optional.of((short) 1)).provision(TopicDefinitions.load(Map.of()));
                long[] counts = produce(bootstrap, data, "");
                long total = counts[0] + counts[1];
                put("records loaded", String.format("%,d subscription events + %,d transfer requests", counts[0], counts[1]));

                if (phase("baseline") || phase("peer") || Boolean.getBoolean("bench.warmup")) {
                    warmUp(admin, bootstrap, data, dir);
                }
                CountingWrites writes = new CountingWrites();
                Path serviceState = dir.resolve("service-state");
                StreamsRun.Timing service = StreamsRun.runToEnd(admin, serviceTopology(writes),
                        StreamsRun.props(bootstrap, "bench-service", serviceState), INPUTS, total);
                // counted before anything else writes to the service's topics (restore, latency run)
                RecordsWritten serviceWrites = service.written().count(bootstrap, admin);
                System.out.println("  records the service wrote:" + serviceWrites);
                StreamsRun.Timing peer = null;
                RecordsWritten peerWrites = null;
                if (phase("peer")) {
                    createPeerOutput(admin, DslPeer.OUTPUT);
                    peer = StreamsRun.runToEnd(admin, DslPeer.topology(SUBSCRIPTION_EVENTS, DslPeer.OUTPUT),
                            StreamsRun.props(bootstrap, DslPeer.APPLICATION_ID, dir.resolve("peer-state")),
                            List.of(SUBSCRIPTION_EVENTS), counts[0]);
                    peerWrites = peer.written().count(bootstrap, admin);
                    System.out.println("  records the DSL peer wrote:" + peerWrites);
                }
                StreamsRun.Timing baseline = null;
                if (phase("baseline")) {
                    baseline = StreamsRun.runToEnd(admin, baselineTopology(),
                            StreamsRun.props(bootstrap, "bench-baseline", dir.resolve("baseline-state")), INPUTS, total);
                }
                put("throughput service (exactly_once_v2)", String.format("%,.0f records/s (%.1f s)", service.rate(), service.seconds()));
                if (peer != null) {
                    put("throughput DSL peer: KTable of latest snapshots, groupBy(tenant).aggregate(adder, subtractor)",
                            String.format("%,.0f records/s (%.1f s; subscription events only)", peer.rate(), peer.seconds()));
                }
                if (baseline != null) {
                    put("throughput baseline parse+groupByKey().count()", String.format("%,.0f records/s (%.1f s)", baseline.rate(), baseline.seconds()));
                }
                put("JIT compilation during the measured run, s (all compiler threads): service, DSL peer, count",
                        String.format("%.1f, %s, %s", service.compileSeconds(),
                                peer == null ? "n/a" : String.format("%.1f", peer.compileSeconds()),
                                baseline == null ? "n/a" : String.format("%.1f", baseline.compileSeconds())));
                if (peer != null) {
                    put("throughput ratio service/DSL peer (target >= 1.0)", String.format("%.2f", service.rate() / peer.rate()));
                }
                if (baseline != null) {
                    put("throughput ratio service/baseline (target >= 0.5)", String.format("%.2f", service.rate() / baseline.rate()));
                }
                long events = counts[0];
                put("Kafka records written per subscription event, service (changelog + outputs; target <= 1.3 on bench)",
                        String.format("%.2f (%,d records for %,d subscription events)",
                                serviceWrites.total(t -> true) / (double) events, serviceWrites.total(t -> true), events));
                put("the same by topic", byTopic(serviceWrites, events));
                if (peerWrites != null) {
                    put("Kafka records written per subscription event, DSL peer",
                            String.format("%.2f (repartition %.2f, changelog %.2f, output %.2f)",
                                    peerWrites.total(t -> true) / (double) events,
                                    peerWrites.total(t -> t.endsWith("-repartition")) / (double) events,
                                    peerWrites.total(GuardBenchmark::changelog) / (double) events,
                                    peerWrites.total(DslPeer.OUTPUT::equals) / (double) events));
                }
                put("store writes per input record, service (guard's metric; baseline: 2)", String.format("%.2f", writes.average()));
                if (baseline == null) {
                    return;
                }

                long subscriptions = data.subscriptions();
                long bytes = storeBytes(serviceState, com.cspguard.topology.config.StoreNames.STATE);
                put("bytes per subscription on disk, guard-state store (target <= 300)", String.format("%.0f (%,d bytes for %,d subscriptions)",
                        (double) bytes / subscriptions, bytes, subscriptions));
                long allBytes = storeBytes(serviceState, null);
                put("all local state per subscription", String.format("%.0f bytes", (double) allBytes / subscriptions));

                restore(bootstrap, serviceState);
                List<Double> rates = latencyRates(service.rate());
                for (int round = 0; round < rates.size(); round++) {
                    // fresh tenants in every round: seeds a million apart
                    // one plot per data set; with several rates (bench.latency.fractions) one per rate
                    Path plot = out.resolve("latency-" + data.name() + (rates.size() == 1 ? "" : "-" + Math.round(rates.get(round))) + ".png");
                    latency(bootstrap, data, dir, rates.get(round), broker.pid(), seed + 1 + round * 1_000_000L, plot);
                }
            }
        } finally {
            broker.getOutputStream().close();
            broker.waitFor(60, TimeUnit.SECONDS);
            broker.destroy();
            broker.waitFor(30, TimeUnit.SECONDS); // its files go next
            dropData(dir);
        }
    }

    /**
     * The broker's logs and the applications' state of a data set take 4-9 GB; a few reruns filled
     * this machine's disk and the broker stopped mid-run (all log dirs failed). The results, the
     * broker's own log and the profiles stay; -Dbench.keep.data=true keeps everything.
     */
    private static void dropData(Path dir) throws IOException {
        if (Boolean.getBoolean("bench.keep.data") || !Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> children = Files.list(dir)) {
            for (Path child : children.filter(Files::isDirectory).toList()) {
                deleteTree(child);
            }
        }
    }

    /** Records per subscription event on each kind of topic the service writes. */
    private static String byTopic(RecordsWritten written, long events) {
        GuardTopics t = GuardSettings.defaults().topics();
        Map<String, java.util.function.Predicate<String>> kinds = new LinkedHashMap<>();
        kinds.put("changelog", GuardBenchmark::changelog);
        kinds.put("counts", t.tenantCounts()::equals);
        kinds.put("timers", t.expiryTimers()::equals);
        kinds.put("alerts", t.transferAlerts()::equals);
        kinds.put("decisions", t.transferDecisions()::equals);
        kinds.put("dead letters", t.deadLetters()::equals);
        StringBuilder text = new StringBuilder();
        kinds.forEach((name, topic) -> text.append(text.isEmpty() ? "" : ", ").append(name)
                .append(String.format(" %.3f", written.total(topic) / (double) events)));
        return text.toString();
    }

    private static boolean changelog(String topic) {
        return topic.endsWith("-changelog");
    }

    /**
     * The start of a command for a child JVM (the broker, the latency phase's service): this JVM's
     * {@code java}, then {@code defaults}, then the options of system property {@code property}
     * (whitespace-separated; of two heap sizes the later counts).
     */
    static List<String> javaCommand(String property, String... defaults) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(defaults));
        String options = System.getProperty(property, "").trim();
        if (!options.isEmpty()) {
            command.addAll(List.of(options.split("\\s+")));
        }
        return command;
    }

    private static Process startBroker(Path runDir) throws IOException {
        Path dir = runDir.resolve("broker");
        Files.createDirectories(dir);
        // for diagnosis, e.g. -Dbench.broker.java.options=-Xlog:gc:file=target/broker-gc.log:uptime
        List<String> command = javaCommand("bench.broker.java.options", "-Xmx2g");
        String jfr = System.getProperty("bench.jfr");
        if (jfr != null) {
            // bench/profile.sh: the broker shares the machine's cores with the service, so its CPU is part of the profile
            Path settings = Path.of(jfr).toAbsolutePath().resolve("guard-profile.jfc");
            command.add("-XX:StartFlightRecording=filename=" + Path.of(jfr).toAbsolutePath().resolve("broker.jfr") + ",settings="
                    + (Files.exists(settings) ? settings.toString() : "profile"));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), BenchBroker.class.getName(), "127.0.0.1:0", dir.toString()));
        return new ProcessBuilder(command)
                .redirectError(runDir.resolve("broker.log").toFile()).start();
    }

    private static String awaitReady(Process broker, Path runDir) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(broker.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.startsWith("READY ")) {
                drain(reader, runDir.resolve("broker.out"));
                return line.substring(6).trim();
            }
        }
        throw new IllegalStateException("the broker process ended before it was ready; see " + runDir.resolve("broker.log"));
    }

    /**
     * Copies what the broker process still writes to its standard output to {@code file}, on a daemon
     * thread: a pipe nobody reads fills at 64 KB, and the broker's next write (a JVM thread dump on
     * SIGQUIT, say) then blocks that thread, with its locks, for good.
     */
    private static void drain(BufferedReader reader, Path file) {
        Thread drainer = new Thread(() -> {
            try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                String line;
                while ((line = reader.readLine()) != null) {
                    out.write(line);
                    out.newLine();
                    out.flush();
                }
            } catch (IOException e) {
                // the broker ended
            }
        }, "broker-stdout");
        drainer.setDaemon(true);
        drainer.start();
    }

    /** Topic and application names of the warm-up runs start with this. */
    static final String WARM_UP = "warmup.";

    /**
     * Runs each application this run compares (the service, the DSL peer, the count baseline) once,
     * unmeasured, to the end of a data set of the same shape (as large, by default) in topics of its
     * own ({@link BenchData#warmUp}), so that each is then measured on a JVM that has compiled its code.
     * Without it the service, measured first, paid for the JIT: C2 compiled for 21 s during its 35 s
     * run on these two cores (compiler threads' time, {@code jdk.Compilation} events), 1.5 s during the
     * DSL peer's run after it (docs/benchmarks.md). A warm-up of the count baseline alone warmed the
     * Kafka code they share, not the producer's (the count writes a tenth of a record per event) nor
     * each application's own.
     */
    private void warmUp(Admin admin, String bootstrap, BenchData data, Path dir) throws Exception {
        Map<String, String> names = new LinkedHashMap<>();
        TopicDefinitions.LOGICAL_NAMES.forEach(n -> names.put(n, WARM_UP + n));
        new TopicProvisioner(admin, Optional.of((short) 1)).provision(TopicDefinitions.load(names));
        BenchData warm = data.warmUp();
        long[] counts = produce(bootstrap, warm, WARM_UP);
        long total = counts[0] + counts[1];
        List<String> inputs = INPUTS.stream().map(t -> WARM_UP + t).toList();
        long started = System.nanoTime();
        StreamsRun.runToEnd(admin, serviceTopology(GuardMetrics.NONE, WARM_UP),
                StreamsRun.props(bootstrap, WARM_UP + "service", dir.resolve("warmup-service-state")), inputs, total);
        if (phase("peer")) {
            createPeerOutput(admin, WARM_UP + DslPeer.OUTPUT);
            StreamsRun.runToEnd(admin, DslPeer.topology(WARM_UP + SUBSCRIPTION_EVENTS, WARM_UP + DslPeer.OUTPUT),
                    StreamsRun.props(bootstrap, WARM_UP + DslPeer.APPLICATION_ID, dir.resolve("warmup-peer-state")),
                    List.of(WARM_UP + SUBSCRIPTION_EVENTS), counts[0]);
        }
        if (phase("baseline")) {
            StreamsRun.runToEnd(admin, baselineTopology(inputs),
                    StreamsRun.props(bootstrap, WARM_UP + "baseline", dir.resolve("warmup-baseline-state")), inputs, total);
        }
        double settled = StreamsRun.awaitCompilerIdle();
        put("warm-up, not measured (each application once, on its own topics)", String.format("%s; %.0f s, then %.0f s until the JIT was idle",
                warm.describe(), (System.nanoTime() - started) / 1e9 - settled, settled));
    }

    private static void createPeerOutput(Admin admin, String name) throws Exception {
        int partitions = admin.describeTopics(List.of(SUBSCRIPTION_EVENTS)).allTopicNames().get(30, TimeUnit.SECONDS)
                .get(SUBSCRIPTION_EVENTS).partitions().size();
        admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
    }

    /** Loads {@code data} into the topics of its records' names with {@code prefix} before them. */
    private long[] produce(String bootstrap, BenchData data, String prefix) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 262_144);
        // The topics were just created. A produce request that reaches a partition before its broker
        // leads it fails (NOT_LEADER_OR_FOLLOWER); an idempotent producer's retries of it then met
        // OUT_OF_ORDER_SEQUENCE_NUMBER until the batches expired after delivery.timeout.ms: two
        // minutes lost and records missing, in six loads of fourteen. One request in flight keeps a
        // partition's records in order over retries without sequence numbers.
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        long started = System.nanoTime();
        long[] counts;
        long[] sent = {0L, started};
        AtomicLong failed = new AtomicLong();
        java.util.concurrent.atomic.AtomicReference<Exception> firstFailure = new java.util.concurrent.atomic.AtomicReference<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            counts = data.generate((topic, rec) -> {
                producer.send(new ProducerRecord<>(prefix + topic, rec.key(), rec.value()), (metadata, e) -> {
                    if (e != null && failed.getAndIncrement() == 0) {
                        firstFailure.set(e);
                    }
                });
                if (++sent[0] % 10_000 == 0 && System.nanoTime() - sent[1] > 10e9) {
                    // a load takes 2-15 s; one that takes longer says how far it is
                    System.out.printf("  ... %,d records sent%n", sent[0]);
                    sent[1] = System.nanoTime();
                }
            });
            producer.flush();
            producer.metrics().forEach((name, metric) -> {
                if (name.group().equals("producer-metrics") && Set.of("record-retry-total", "record-error-total").contains(name.name())
                        && ((Number) metric.metricValue()).doubleValue() > 0) {
                    System.out.printf("  producer %s: %.0f%n", name.name(), ((Number) metric.metricValue()).doubleValue());
                }
            });
        }
        System.out.printf("  loaded in %.1f s%n", (System.nanoTime() - started) / 1e9);
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " records of the load were not written", firstFailure.get());
        }
        return counts;
    }

    static Topology serviceTopology(GuardMetrics metrics) {
        return serviceTopology(metrics, "");
    }

    /** The service's topology on the contract's topics with {@code prefix} before their names. */
    private static Topology serviceTopology(GuardMetrics metrics, String prefix) {
        StreamsBuilder builder = new StreamsBuilder();
        GuardSettings settings = GuardSettings.defaults();
        GuardTopology.build(builder, settings.withTopics(GuardTopics.named(t -> prefix + t.contractName())), metrics);
        return builder.build();
    }

    /** The least a Kafka Streams application can do with these records: parse them and count per key. */
    static Topology baselineTopology() {
        return baselineTopology(INPUTS);
    }

    private static Topology baselineTopology(List<String> inputs) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(inputs, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .mapValues(v -> {
                    try {
                        return Json.MAPPER.readTree(v).size();
                    } catch (IOException e) {
                        return -1;
                    }
                })
                .groupByKey(Grouped.with(Serdes.ByteArray(), Serdes.Integer()))
                .count(Materialized.as("baseline-counts"));
        return builder.build();
    }

    private void restore(String bootstrap, Path state) throws Exception {
        deleteTree(state);
        AtomicLong restored = new AtomicLong();
        AtomicLong first = new AtomicLong();
        AtomicLong last = new AtomicLong();
        KafkaStreams streams = new KafkaStreams(serviceTopology(GuardMetrics.NONE),
                StreamsRun.props(bootstrap, "bench-service", state));
        streams.setGlobalStateRestoreListener(new StateRestoreListener() {
            @Override
            public void onRestoreStart(TopicPartition tp, String store, long start, long end) {
                first.compareAndSet(0, System.nanoTime());
            }

            @Override
            public void onBatchRestored(TopicPartition tp, String store, long batchEnd, long n) {
                restored.addAndGet(n);
                last.set(System.nanoTime());
            }

            @Override
            public void onRestoreEnd(TopicPartition tp, String store, long total) {
                last.set(System.nanoTime());
            }
        });
        streams.start();
        try {
            StreamsRun.awaitRunning(streams, 600_000);
            double seconds = (last.get() - first.get()) / 1e9;
            put("restore from changelog after wiping local state (target >= 100,000/s)",
                    String.format("%,.0f records/s (%,d records in %.1f s)", restored.get() / seconds, restored.get(), seconds));
        } finally {
            streams.close();
        }
    }

    /** Produces at {@code rate} records/s, 2% of them transfer requests, and times each decision. */
    /**
     * The rates of the latency runs: {@code -Dbench.latency.rate} alone when given, else the
     * fractions {@code -Dbench.latency.fractions} (default 0.5: the target's half load) of the
     * service's throughput; for example 0.25,0.35,0.5 finds the rate at which p99 meets its target.
     */
    static List<Double> latencyRates(double serviceRate) {
        String rate = System.getProperty("bench.latency.rate");
        if (rate != null) {
            return List.of(Double.parseDouble(rate));
        }
        return java.util.Arrays.stream(System.getProperty("bench.latency.fractions", "0.5").split(","))
                .map(String::trim).map(Double::parseDouble).map(f -> f * serviceRate).toList();
    }

    /** A transfer request of the latency load: when it was sent, by the monotonic clock and by the wall clock. */
    private record Sent(long nanos, long wallMillis) {
    }

    private void latency(String bootstrap, BenchData data, Path dir, double rate, long brokerPid, long loadSeed, Path plot)
            throws Exception {
        LatencyService service = LatencyService.start(bootstrap, dir.resolve("service-state"), "bench-service",
                serviceTopology(GuardMetrics.NONE), dir);
        LatencyProfile profile = LatencyProfile.startIfAsked(dir.resolve("latency-profile.collapsed"));
        Properties cp = new Properties();
        cp.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        cp.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-latency");
        cp.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // the reader polls every 20 ms; a 500 ms broker-side wait would only blur when a decision became readable
        cp.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20);
        cp.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        cp.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        cp.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        Map<String, Sent> sent = new ConcurrentHashMap<>();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        // the same decisions split at the moment the service evaluated them (the decision's evaluatedAt,
        // the stream thread's clock): before it, the way in (the generator's batching, the broker, the
        // stream's fetch and queue); after it, the way out (the commit, the markers, the reader)
        List<Long> wayIn = Collections.synchronizedList(new ArrayList<>());
        List<Long> wayOut = Collections.synchronizedList(new ArrayList<>());
        // worst latency per second of sending, printed as a timeline: shows whether the tail is a
        // few stalls or a steady queue
        Map<Long, Long> worstPerSecond = new ConcurrentHashMap<>();
        AtomicLong timelineStart = new AtomicLong(); // set when the first record is sent
        Instant timelineWallStart = null; // the same as wall-clock time: to find a stall in a profile or a log
        CpuAccount cpu = new CpuAccount(brokerPid);
        Map<String, Double> cpuPerSecond = Map.of();
        String threadTimes = "n/a";
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(cp)) {
            consumer.subscribe(List.of("transfer-decisions"));
            while (consumer.assignment().isEmpty()) {
                consumer.poll(Duration.ofMillis(100));
            }
            consumer.seekToEnd(consumer.assignment());
            consumer.assignment().forEach(consumer::position);
            Thread reader = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        for (var r : consumer.poll(Duration.ofMillis(20))) {
                            long readWall = System.currentTimeMillis();
                            var decision = Json.MAPPER.readTree(r.value());
                            String id = decision.get("transferId").asText();
                            Sent request = sent.remove(id);
                            if (request != null) {
                                long at = request.nanos();
                                long latency = System.nanoTime() - at;
                                if (at - timelineStart.get() >= latencyWarmupSeconds * 1_000_000_000L) {
                                    latencies.add(latency);
                                    var evaluatedAt = decision.get("evaluatedAt");
                                    if (evaluatedAt != null && evaluatedAt.isTextual()) {
                                        long evaluated = Instant.parse(evaluatedAt.asText()).toEpochMilli();
                                        wayIn.add(evaluated - request.wallMillis());
                                        wayOut.add(readWall - evaluated);
                                    }
                                }
                                worstPerSecond.merge((at - timelineStart.get()) / 1_000_000_000L, latency, Math::max);
                            }
                        }
                    } catch (org.apache.kafka.common.errors.InterruptException e) {
                        return;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            });
            reader.start();
            Properties pp = new Properties();
            pp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            // 5 ms, as a billing system publishing a steady stream would batch: with 1 ms the generator
            // sent a thousand tiny requests a second to the broker that shares the two cores
            pp.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            pp.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            pp.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            long needed = (long) (rate * (latencyWarmupSeconds + latencySeconds));
            // the data set's mix in every second (LatencyLoad), from fresh tenants of further seeds
            LatencyLoad latencyLoad = LatencyLoad.build(data, loadSeed, needed);
            List<DataSet.Rec> load = latencyLoad.timed();
            java.util.Random random = new java.util.Random(seed);
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(pp)) {
                for (DataSet.Rec rec : latencyLoad.prelude()) {
                    producer.send(new ProducerRecord<>(rec.topic(), rec.key(), rec.value()));
                }
            }
            // the prelude is processed before the timed load begins: it is no part of what is timed
            long preludeStarted = System.nanoTime();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                StreamsRun.awaitCommitted(admin, "bench-service", List.of("subscription-events", "transfer-requests"), 600_000);
            }
            System.out.printf("  latency load: %,d records sent first and processed in %.1f s (what the streams skip of their"
                    + " first sets), then %,d at %,.0f records/s%n", latencyLoad.prelude().size(),
                    (System.nanoTime() - preludeStarted) / 1e9, load.size(), rate);
            long start = System.nanoTime();
            timelineStart.set(start);
            timelineWallStart = Instant.now();
            long n = 0;
            long measuredFrom = (long) (rate * latencyWarmupSeconds);
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(pp)) {
                for (DataSet.Rec rec : load) {
                    if (n == measuredFrom) {
                        cpu.start();
                        service.measureFrom();
                    }
                    long due = start + (long) (n++ * 1e9 / rate);
                    long wait = due - System.nanoTime();
                    if (wait > PARK_AHEAD_NS) {
                        // parked, not spinning: a spinning load generator took one of the two cores
                        // from the service and the broker, and its own latency went into the figure.
                        // Records due within the next millisecond go at once: a park per record (50 µs
                        // apart at 20 k/s) cost the generator 9% of a core in wake-ups alone.
                        java.util.concurrent.locks.LockSupport.parkNanos(wait);
                    }
                    if (random.nextInt(50) == 0) {
                        String id = "lat-" + n;
                        DataSet.Rec request = DataSet.request(random, new String(rec.key(), StandardCharsets.UTF_8), id, 1, System.currentTimeMillis());
                        sent.put(id, new Sent(System.nanoTime(), System.currentTimeMillis()));
                        producer.send(new ProducerRecord<>("transfer-requests", request.key(), request.value()));
                    } else {
                        producer.send(new ProducerRecord<>(rec.topic(), rec.key(), rec.value()));
                    }
                }
                // before the generator's producer closes: a thread that ended drops out of the account
                LatencyService.Report report = service.report();
                cpuPerSecond = CpuAccount.merge(cpu.perSecond(), report.cpu());
                threadTimes = report.threadTimes();
            }
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!sent.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            reader.interrupt();
            reader.join(5000);
        } finally {
            profile.stop();
            service.close();
        }
        StringBuilder timeline = new StringBuilder("  worst latency per second of the run (ms; second 0 at "
                + timelineWallStart + "; the first " + latencyWarmupSeconds + " are warm-up, not counted):");
        new java.util.TreeMap<>(worstPerSecond).forEach((second, worst) -> timeline.append(' ').append(worst / 1_000_000));
        System.out.println(timeline);
        String at = String.format("%,.0f", rate) + " records/s";
        System.out.println("  CPU in the measured seconds at " + at + ", ms per second:" + CpuAccount.format(cpuPerSecond));
        put("CPU at " + at + ", ms per s (" + (LatencyService.inProcess() ? "machine; broker; benchmark process; stream thread"
                : "machine; broker; service process; its stream thread; generator's and reader's process") + ")", CpuAccount.summary(cpuPerSecond));
        put("stream thread at " + at + ", ms avg / max (Kafka Streams' metrics, last 30-60 s)", threadTimes);
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            put("decision latency", "no decisions read");
            return;
        }
        put("decision latency at " + at + " (p50 / p99 / max; target p99 <= 250 ms)",
                String.format("%.0f / %.0f / %.0f ms (%d decisions)", ms(sorted, 0.50), ms(sorted, 0.99),
                        sorted.get(sorted.size() - 1) / 1e6, sorted.size()));
        put("decision latency at " + at + " split at evaluation: sent → evaluated, evaluated → read (p50 / p99 ms)",
                String.format("%s; %s", split(wayIn), split(wayOut)));
        LatencyPlot.write(sorted, plot);
    }

    /** Records due within this much of now are sent without parking (see the latency load's loop). */
    private static final long PARK_AHEAD_NS = 1_000_000L;

    /** p50 / p99 of milliseconds. */
    static String split(List<Long> millis) {
        List<Long> sorted = new ArrayList<>(millis);
        if (sorted.isEmpty()) {
            return "n/a";
        }
        Collections.sort(sorted);
        return String.format("%d / %d", quantile(sorted, 0.50), quantile(sorted, 0.99));
    }

    private static double ms(List<Long> sorted, double q) {
        return quantile(sorted, q) / 1e6;
    }

    private static long quantile(List<Long> sorted, double q) {
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1)));
    }

    /** Bytes of the stores named {@code store} (all stores when null) in every task folder. */
    static long storeBytes(Path state, String store) throws IOException {
        try (Stream<Path> files = Files.walk(state)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> store == null || f.toString().contains("/rocksdb/" + store + "/"))
                    .mapToLong(f -> f.toFile().length()).sum();
        }
    }

    /** One column per data set; a measure that depends on none stands in the first. */
    private void writeResults() throws IOException {
        StringBuilder md = new StringBuilder("| measure |");
        dataSets.forEach(d -> md.append(' ').append(d.name()).append(" |"));
        md.append("\n| --- |").append(" --- |".repeat(dataSets.size())).append('\n');
        results.forEach((measure, values) -> {
            md.append("| ").append(measure).append(" |");
            if (values.containsKey(BOTH)) {
                md.append(' ').append(values.get(BOTH)).append(" |").append(" (the same) |".repeat(Math.max(0, dataSets.size() - 1)));
            } else {
                dataSets.forEach(d -> md.append(' ').append(values.getOrDefault(d.name(), "–")).append(" |"));
            }
            md.append('\n');
        });
        Files.writeString(out.resolve("results.md"), md.toString());
        System.out.println();
        System.out.println(md);
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Store writes per input record, as the topology reports them. */
    static final class CountingWrites implements GuardMetrics {
        private final AtomicLong records = new AtomicLong();
        private final AtomicLong writes = new AtomicLong();

        double average() {
            return records.get() == 0 ? 0 : (double) writes.get() / records.get();
        }

        @Override public void deadLettered(String sourceTopic) { }
        @Override public void ignored(String why) { }
        @Override public void storeOperations(int reads, int count) {
            records.incrementAndGet();
            writes.addAndGet(count);
        }
        @Override public void timerFired(String timerType) { }
        @Override public void timersTaken(int entries) { }
        @Override public void indexesRebuilt(long subscriptions, long nanos) { }
        @Override public void decisionEmitted(String decision) { }
    }
}
