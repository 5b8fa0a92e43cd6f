package com.cspguard.chaos;

import com.cspguard.chaos.ChaosLoad.BadKind;
import com.cspguard.chaos.ChaosLoad.Rec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The chaos test (bench/chaos.sh): a broker and the service each as their own process, a seeded
 * load with repeats, stale snapshots and bad records of every kind, several {@code kill -9} of the
 * service and a broker restart at random moments, then checks on the output topics read with
 * {@code read_committed}. Prints one line per check and exits non-zero when one fails. All sizes
 * are {@code -Dchaos.*} options; every wait is bounded.
 */
public final class ChaosRun extends ChaosReport {
    static final String APP_ID = "chaos-guard";

    // options
    final int events = Integer.getInteger("chaos.events", 200_000);
    final int tenants = Integer.getInteger("chaos.tenants", 2_000);
    final int bad = Integer.getInteger("chaos.bad", 1_000);
    final int kills = Integer.getInteger("chaos.kills", 5);
    final int brokerRestarts = Integer.getInteger("chaos.brokerRestarts", 1);
    final int brokerDownSeconds = Integer.getInteger("chaos.brokerDownSeconds", 30);
    final int rate = Integer.getInteger("chaos.rate", 3_000);
    final int minGapSeconds = Integer.getInteger("chaos.minGapSeconds", 5);
    final int maxGapSeconds = Integer.getInteger("chaos.maxGapSeconds", 25);
    final int upWithinSeconds = Integer.getInteger("chaos.upWithinSeconds", 15);
    final int catalogPartitions = Integer.getInteger("chaos.catalogPartitions", 6);
    final int timeoutMinutes = Integer.getInteger("chaos.timeoutMinutes", 14);
    final long seed = Long.getLong("chaos.seed", 42L);
    final String jar = System.getProperty("chaos.jar", "target/csp-transfer-guard-0.1.0.jar");
    /** Kinds of bad record left out, comma-separated, e.g. to see what else holds while one kind still stops the stream. */
    final List<BadKind> badKinds = java.util.Arrays.stream(BadKind.values())
            .filter(k -> !List.of(System.getProperty("chaos.skipKinds", "").split(",")).contains(k.name())).toList();
    final String serviceHeap = System.getProperty("chaos.serviceHeap", "1g");

    final Path runDir;
    final Path serviceJar;
    final int kafkaPort = freePort();
    final int httpPort = freePort();
    final String bootstrap = "127.0.0.1:" + kafkaPort;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private volatile ChildProcess broker;
    private volatile ChildProcess service;
    private int brokerStarts;
    private int serviceStarts;

    ChaosRun() throws IOException {
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        runDir = Path.of(System.getProperty("chaos.dir", "target/chaos")).toAbsolutePath().resolve(stamp);
        Files.createDirectories(runDir.resolve("logs"));
        serviceJar = runDir.resolve("csp-transfer-guard.jar");
    }

    public static void main(String[] args) throws Exception {
        if (Integer.getInteger("chaos.instances", 1) > 1 || Integer.getInteger("chaos.brokers", 1) > 1) {
            ScaleOutRun.main(args);
            return;
        }
        ChaosRun run = new ChaosRun();
        ChaosReport.runAndExit(run.timeoutMinutes, run::killChildren, run::run);
    }

    int run() throws Exception {
        log("chaos test: %,d events over %,d tenants, %,d bad records, %d kills, %d broker restart(s), seed %d; load %s; run folder %s",
                events, tenants, bad, kills, brokerRestarts, seed, loadAverage(), runDir);
        if (!Files.exists(Path.of(jar))) {
            throw new IllegalStateException(jar + " is missing: build it with mvn -B -DskipTests package");
        }
        // a copy, so that a build during the run does not change the jar under the service
        Files.copy(Path.of(jar), serviceJar);
        startBroker();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            // as a user whose cluster makes 6 partitions: the catalog is broadcast, any count must do
            ChaosLoad.createCatalogTopic(admin, catalogPartitions, Duration.ofSeconds(30));
            startService();
            Optional<Double> firstUp = awaitUp(Duration.ofSeconds(180));
            if (firstUp.isEmpty()) {
                result(false, "first start: /health not UP within 180 s (see %s)", runDir.resolve("logs"));
                return finish();
            }
            log("service UP %.1f s after its first start", firstUp.get());

            // the load, and the expectation worked out from it independently of the service
            ChaosLoad.Generated load = new ChaosLoad(events, tenants, bad, seed, Instant.now(), badKinds).generateWithExpectation();
            List<Rec> records = load.records();
            Map<BadKind, Integer> kinds = new EnumMap<>(BadKind.class);
            load.badById().values().forEach(r -> kinds.merge(r.kind(), 1, Integer::sum));
            log("load: %,d records (%,d subscription events, %,d transfer requests, %,d bad of %d kinds %s)",
                    records.size(), records.stream().filter(r -> r.badId() == null && r.topic().equals("subscription-events")).count(),
                    records.stream().filter(r -> r.badId() == null && r.topic().equals("transfer-requests")).count(),
                    load.badById().size(), kinds.size(), kinds);

            Producing producing = new Producing(bootstrap, rate, records, this::log);
            Thread producer = new Thread(producing, "chaos-producer");
            producer.start();

            List<String> faults = new ArrayList<>();
            for (int i = 0; i < kills; i++) {
                faults.add("kill");
            }
            for (int i = 0; i < brokerRestarts; i++) {
                faults.add("broker");
            }
            Random random = new Random(seed);
            Collections.shuffle(faults, random);
            List<Double> restartTimes = new ArrayList<>();
            for (String fault : faults) {
                double gap = minGapSeconds + random.nextDouble() * Math.max(0, maxGapSeconds - minGapSeconds);
                Thread.sleep((long) (gap * 1000));
                if (fault.equals("kill")) {
                    restartTimes.add(killAndRestart(restartTimes.size() + 1, producing));
                } else {
                    restartBroker(producing);
                }
            }
            producer.join(TimeUnit.MINUTES.toMillis(5));
            result(producing.failed.get() == 0 && !producer.isAlive(), "input: %,d of %,d records written (%d failed sends%s)",
                    producing.acked.get(), records.size(), producing.failed.get(),
                    producing.firstError.get() == null ? "" : ", first: " + producing.firstError.get());
            result(restartTimes.stream().allMatch(t -> t >= 0 && t <= upWithinSeconds),
                    "kill -9 and restart: UP again within %d s after each of %d kills (times %s s)", upWithinSeconds,
                    restartTimes.size(), restartTimes.stream().map(t -> t < 0 ? "never" : String.format(Locale.ROOT, "%.1f", t)).toList());

            // everything consumed, every timer due within the run fired
            long lag = awaitConsumed(admin, Duration.ofMinutes(5));
            result(lag == 0, "consumed: input lag %,d after the load (%s)", lag, lag == 0 ? "all input consumed" : "input left unread");
            long wait = Duration.between(Instant.now(), load.latestSoon().plusSeconds(10)).toMillis();
            if (wait > 0) {
                log("waiting %.0f s for the last timers due within the run", wait / 1000.0);
                Thread.sleep(Math.min(wait, TimeUnit.MINUTES.toMillis(5)));
            }
            Thread.sleep(3000);
            service.terminate(Duration.ofSeconds(60));
            log("service stopped (SIGTERM); reading the output topics with read_committed");
            new OutputChecks(bootstrap, this).check(load.expected(), load.badById());
        }
        return finish();
    }

    private int finish() throws InterruptedException {
        if (service != null) {
            service.terminate(Duration.ofSeconds(60));
        }
        if (broker != null) {
            broker.closeInput(Duration.ofSeconds(60));
        }
        log("finished; load %s; logs in %s", loadAverage(), runDir.resolve("logs"));
        return verdict();
    }

    // ---- faults

    private double killAndRestart(int n, Producing producing) throws InterruptedException {
        log("kill -9 #%d of the service (pid %d) with %,d records written so far", n, service.pid(), producing.acked.get());
        long t0 = System.nanoTime();
        service.kill();
        startService();
        Optional<Double> up = awaitUp(Duration.ofSeconds(180));
        double seconds = (System.nanoTime() - t0) / 1e9;
        log("kill -9 #%d: UP again %s", n, up.isPresent() ? String.format(Locale.ROOT, "%.1f s after the kill", seconds) : "never (180 s)");
        return up.isPresent() ? seconds : -1;
    }

    private void restartBroker(Producing producing) throws Exception {
        log("stopping the broker with %,d records written so far", producing.acked.get());
        long t0 = System.nanoTime();
        broker.closeInput(Duration.ofSeconds(60));
        Double downAfter = null;
        long until = t0 + TimeUnit.SECONDS.toNanos(brokerDownSeconds);
        while (System.nanoTime() < until) {
            if (downAfter == null && health() != 200) {
                downAfter = (System.nanoTime() - t0) / 1e9;
            }
            Thread.sleep(500);
        }
        log("starting the broker again after %.0f s (/health %s)", (System.nanoTime() - t0) / 1e9,
                downAfter == null ? "stayed UP" : String.format(Locale.ROOT, "DOWN %.1f s after the stop", downAfter));
        startBroker();
        long t1 = System.nanoTime();
        Optional<Double> up = awaitUp(Duration.ofSeconds(180));
        boolean alive = service.alive();
        log("broker back; service %s", up.isPresent() ? String.format(Locale.ROOT, "UP %.1f s later", (System.nanoTime() - t1) / 1e9)
                : "not UP within 180 s");
        result(downAfter != null && up.isPresent() && alive,
                "broker restart (%d s down): /health DOWN %s after the stop, UP %s after it was back, same process, no manual step",
                brokerDownSeconds, downAfter == null ? "never" : String.format(Locale.ROOT, "%.1f s", downAfter),
                up.isPresent() ? String.format(Locale.ROOT, "%.1f s", up.get()) : "never");
    }

    // ---- processes

    private void startBroker() throws InterruptedException {
        brokerStarts++;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        broker = ChildProcess.start(List.of(java, "-Xms256m", "-Xmx1g", "-cp", absoluteClassPath(),
                        "com.cspguard.bench.BenchBroker", bootstrap, runDir.resolve("kafka").toString()),
                Map.of(), runDir, runDir.resolve("logs").resolve("broker-" + brokerStarts + ".log"), "READY");
        if (!broker.awaitMarker(Duration.ofSeconds(120)) || !broker.alive()) {
            throw new IllegalStateException("the broker did not start within 120 s; see " + runDir.resolve("logs"));
        }
    }

    /** This JVM's class path with absolute entries: the children run in the run folder. */
    private static String absoluteClassPath() {
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(e -> Path.of(e).toAbsolutePath().toString())
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    private void startService() {
        serviceStarts++;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        env.put("GUARD_EMBEDDED_KAFKA", "false");
        env.put("MICRONAUT_SERVER_PORT", Integer.toString(httpPort));
        env.put("MICRONAUT_SERVER_HOST", "127.0.0.1");
        env.put("GUARD_APPLICATION_SERVER", "127.0.0.1:" + httpPort);
        env.put("GUARD_APPLICATION_ID", APP_ID);
        env.put("GUARD_STATE_DIR", runDir.resolve("state").toString());
        env.put("GUARD_ROCKSDB_BLOCK_CACHE_BYTES", Long.toString(64L << 20));
        service = ChildProcess.start(List.of(java, "-Xmx" + serviceHeap, "-jar", serviceJar.toString()),
                env, runDir, runDir.resolve("logs").resolve("service-" + serviceStarts + ".log"), null);
    }

    private void killChildren() {
        for (ChildProcess p : new ChildProcess[]{service, broker}) {
            if (p != null && p.alive()) {
                try {
                    p.kill();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** Seconds until {@code /health} answers 200, or empty after the timeout. */
    Optional<Double> awaitUp(Duration timeout) throws InterruptedException {
        long t0 = System.nanoTime();
        long deadline = t0 + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (health() == 200) {
                return Optional.of((System.nanoTime() - t0) / 1e9);
            }
            if (service != null && !service.alive()) {
                log("the service process ended; see %s", runDir.resolve("logs"));
                return Optional.empty();
            }
            Thread.sleep(100);
        }
        return Optional.empty();
    }

    /** The status code of {@code GET /health}, -1 when it does not answer. */
    int health() {
        return health(http, httpPort);
    }

    /** The status code of {@code GET /health} of the service on {@code port}, -1 when it does not answer. */
    static int health(HttpClient http, int port) {
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                    .timeout(Duration.ofSeconds(2)).GET().build();
            return http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Waits until the service has committed past every input record; returns the records left. */
    private long awaitConsumed(Admin admin, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long lag = Long.MAX_VALUE;
        int zeroes = 0;
        int samples = 0;
        int down = 0;
        try {
            while (System.nanoTime() < deadline) {
                lag = inputLag(admin);
                zeroes = lag == 0 ? zeroes + 1 : 0;
                if (zeroes >= 2) {
                    return 0;
                }
                samples++;
                down += health() == 200 ? 0 : 1;
                Thread.sleep(1000);
            }
            return lag;
        } finally {
            log("while input was left to consume, /health was DOWN in %d of %d samples (one a second)", down, samples);
        }
    }

    private long inputLag(Admin admin) throws Exception {
        List<String> inputs = List.of("subscription-events", "transfer-requests", "offer-catalog");
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(inputs).allTopicNames().get(30, TimeUnit.SECONDS).forEach((name, d) ->
                d.partitions().forEach(p -> latest.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).forEach((tp, info) -> ends.put(tp, info.offset()));
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(APP_ID)
                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        long lag = 0;
        for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
            OffsetAndMetadata c = committed.get(e.getKey());
            lag += e.getValue() - (c == null ? 0 : c.offset());
        }
        return lag;
    }

    static String loadAverage() {
        try {
            return "load average " + Files.readString(Path.of("/proc/loadavg")).trim().split(" ", 4)[0] + " (1 min) on "
                    + Runtime.getRuntime().availableProcessors() + " cores";
        } catch (IOException e) {
            return "load unknown";
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
