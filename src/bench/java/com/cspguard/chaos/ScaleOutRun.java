package com.cspguard.chaos;

import com.cspguard.chaos.ChaosLoad.BadKind;
import com.cspguard.chaos.ChaosLoad.Rec;
import com.cspguard.runtime.security.Tokens;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The chaos test's scale-out mode ({@code -Dchaos.instances=3 -Dchaos.brokers=3}, bench/chaos.sh):
 * N service instances, each its own process, working folder, state folder, port and instance id,
 * on a B-broker KRaft cluster (each broker its own process; replication factor 3,
 * {@code min.insync.replicas} 2) with standby replicas. Faults at random moments: {@code kill -9}
 * of random instances (restarted at once), {@code kill -9} of one broker for a while, a rolling
 * restart (SIGTERM each instance in turn, the next once the previous is UP), a scale from N to 1
 * and back. Checks: those of the single-instance mode on the output topics, plus API availability
 * ({@link ApiProber}), failover time per kill (until every input partition the dead instance owned
 * has its committed offset advance) and the {@code complete} flag of list answers.
 */
final class ScaleOutRun extends ChaosReport {
    static final String APP_ID = "chaos-guard";
    private static final String SECRET = "chaos-scale-out-secret-of-at-least-32-bytes";
    private static final List<String> INPUTS = List.of("subscription-events", "transfer-requests");
    /** Group membership logs of brokers and instances (logback.xml): what each failover waited for. */
    private static final String GROUP_LOG = "-Dguard.log.group=INFO";

    final int instanceCount = Integer.getInteger("chaos.instances", 3);
    final int brokerCount = Integer.getInteger("chaos.brokers", 3);
    final int standbys = Integer.getInteger("chaos.standbys", 1);
    final int events = Integer.getInteger("chaos.events", 100_000);
    final int tenants = Integer.getInteger("chaos.tenants", 1_000);
    final int bad = Integer.getInteger("chaos.bad", 1_000);
    final int kills = Integer.getInteger("chaos.kills", 4);
    final int brokerKills = Integer.getInteger("chaos.brokerKills", 1);
    final int brokerDownSeconds = Integer.getInteger("chaos.brokerDownSeconds", 20);
    final int rollingRestarts = Integer.getInteger("chaos.rollingRestarts", 1);
    final int scales = Integer.getInteger("chaos.scales", 1);
    final int scaledDownSeconds = Integer.getInteger("chaos.scaledDownSeconds", 20);
    /** Records per second; 0 (the default) spreads the load over the faults, so every fault happens under load. */
    final int rateSetting = Integer.getInteger("chaos.rate", 0);
    final int minGapSeconds = Integer.getInteger("chaos.minGapSeconds", 5);
    final int maxGapSeconds = Integer.getInteger("chaos.maxGapSeconds", 25);
    final int timeoutMinutes = Integer.getInteger("chaos.timeoutMinutes", 30);
    final double availabilityTarget = Double.parseDouble(System.getProperty("chaos.availabilityTarget", "99.9"));
    final double failoverMedianTarget = Double.parseDouble(System.getProperty("chaos.failoverMedianSeconds", "5"));
    final double failoverMaxTarget = Double.parseDouble(System.getProperty("chaos.failoverMaxSeconds", "15"));
    final long seed = Long.getLong("chaos.seed", 42L);
    final String jar = System.getProperty("chaos.jar", "target/csp-transfer-guard-0.1.0.jar");
    final String serviceHeap = System.getProperty("chaos.serviceHeap", "768m");
    final List<BadKind> badKinds = Arrays.stream(BadKind.values())
            .filter(k -> !List.of(System.getProperty("chaos.skipKinds", "").split(",")).contains(k.name())).toList();

    final Path runDir;
    final Path serviceJar;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    final Random random = new Random(seed);
    final Broker[] brokers;
    final Instance[] instances;
    final String bootstrap;

    /** One broker process of the cluster, with fixed ports so that it can be restarted in place. */
    final class Broker {
        final int node;
        final int port = ChaosRun.freePort();
        final int controllerPort = ChaosRun.freePort();
        volatile ChildProcess process;
        int starts;

        Broker(int node) {
            this.node = node;
        }
    }

    /** One service instance: its own folder (working dir, state, data), port and instance id. */
    final class Instance {
        final int n;
        final int port = ChaosRun.freePort();
        final String id;
        final Path dir;
        volatile ChildProcess process;
        volatile boolean serving;
        int starts;

        Instance(int n) {
            this.n = n;
            this.id = "chaos-instance-" + n;
            this.dir = runDir.resolve("instance-" + n);
        }
    }

    ScaleOutRun() throws IOException {
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        runDir = Path.of(System.getProperty("chaos.dir", "target/chaos")).toAbsolutePath().resolve(stamp + "-scale-out");
        Files.createDirectories(runDir.resolve("logs"));
        serviceJar = runDir.resolve("csp-transfer-guard.jar");
        brokers = new Broker[brokerCount];
        for (int i = 0; i < brokerCount; i++) {
            brokers[i] = new Broker(i + 1);
        }
        instances = new Instance[instanceCount];
        for (int i = 0; i < instanceCount; i++) {
            instances[i] = new Instance(i + 1);
            Files.createDirectories(instances[i].dir);
        }
        bootstrap = Arrays.stream(brokers).map(b -> "127.0.0.1:" + b.port).collect(Collectors.joining(","));
    }

    public static void main(String[] args) throws Exception {
        ScaleOutRun run = new ScaleOutRun();
        ChaosReport.runAndExit(run.timeoutMinutes, run::killChildren, run::run);
    }

    int run() throws Exception {
        log("chaos test, scale-out mode: %d instances (standby replicas %d) on %d brokers; %,d events over %,d tenants, "
                        + "%,d bad records; %d kills of instances, %d of a broker (%d s), %d rolling restart(s), %d scale(s) %d->1->%d; "
                        + "seed %d; %s; run folder %s", instanceCount, standbys, brokerCount, events, tenants, bad, kills, brokerKills,
                brokerDownSeconds, rollingRestarts, scales, instanceCount, instanceCount, seed, ChaosRun.loadAverage(), runDir);
        Files.copy(Path.of(jar), serviceJar);
        String clusterId = Uuid.randomUuid().toString();
        for (Broker b : brokers) {
            startBroker(b, clusterId);
        }
        for (Broker b : brokers) {
            if (!b.process.awaitMarker(Duration.ofSeconds(180)) || !b.process.alive()) {
                throw new IllegalStateException("broker " + b.node + " did not start within 180 s; see " + runDir.resolve("logs"));
            }
        }
        log("%d brokers up: %s", brokerCount, bootstrap);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            ChaosLoad.createCatalogTopic(admin, 6, Duration.ofSeconds(60));
            for (Instance i : instances) {
                startInstance(i);
            }
            for (Instance i : instances) {
                if (awaitUp(i, Duration.ofSeconds(300)).isEmpty()) {
                    result(false, "first start: instance %d not UP within 300 s (see %s)", i.n, runDir.resolve("logs"));
                    return finish();
                }
            }
            log("all %d instances UP", instanceCount);

            ChaosLoad.Generated load = new ChaosLoad(events, tenants, bad, seed, Instant.now(), badKinds).generateWithExpectation();
            List<Rec> records = load.records();
            log("load: %,d records", records.size());

            ProcessedWatcher processed = new ProcessedWatcher(bootstrap);
            String token = Tokens.mint(SECRET, "chaos", "tid", Tokens.OPERATOR_TID, List.of("guard-admin"), Duration.ofDays(1), Instant.now());
            ApiProber prober = new ApiProber(this::servingPorts, processed, token, Duration.ofSeconds(15), seed);
            prober.start();
            List<String> faults = new ArrayList<>();
            faults.addAll(Collections.nCopies(kills, "kill"));
            faults.addAll(Collections.nCopies(brokerKills, "broker"));
            faults.addAll(Collections.nCopies(rollingRestarts, "rolling"));
            faults.addAll(Collections.nCopies(scales, "scale"));
            Collections.shuffle(faults, random);
            List<Double> gaps = faults.stream()
                    .map(f -> minGapSeconds + random.nextDouble() * Math.max(0, maxGapSeconds - minGapSeconds)).toList();
            double rate = rateSetting > 0 ? rateSetting : records.size() / faultSeconds(faults, gaps, 0);
            log("writing the load at %,.0f records/s (%s)", rate, rateSetting > 0 ? "chaos.rate" : "spread over the faults");
            Producing producing = new Producing(bootstrap, rate, records, this::log);
            Thread producer = new Thread(producing, "chaos-producer");
            producer.start();

            List<Double> failovers = new ArrayList<>();
            List<Double> restarts = new ArrayList<>();
            for (int f = 0; f < faults.size(); f++) {
                String fault = faults.get(f);
                if (rateSetting == 0 && producer.isAlive()) {
                    // faults take longer on a busy machine than the estimate: stretch what is left over the faults left
                    producing.pace(Math.max(20, (records.size() - producing.sent.get()) / faultSeconds(faults, gaps, f)));
                }
                Thread.sleep((long) (gaps.get(f) * 1000));
                switch (fault) {
                    case "kill" -> {
                        boolean timed = producer.isAlive();
                        if (!timed) {
                            // with no input left every partition "moves" at once: such a figure would flatter the failover
                            log("the load has been written: this kill is not timed for failover");
                        }
                        killInstance(admin, timed ? failovers : new ArrayList<>(), restarts);
                    }
                    case "broker" -> killBroker(clusterId);
                    case "rolling" -> rollingRestart();
                    default -> scaleDownAndUp();
                }
            }
            producer.join(TimeUnit.MINUTES.toMillis(10));
            result(producing.failed.get() == 0 && !producer.isAlive(), "input: %,d of %,d records written (%d failed sends%s)",
                    producing.acked.get(), records.size(), producing.failed.get(),
                    producing.firstError.get() == null ? "" : ", first: " + producing.firstError.get());
            long lag = awaitConsumed(admin, Duration.ofMinutes(8));
            result(lag == 0, "consumed: input lag %,d after the load", lag);
            long wait = Duration.between(Instant.now(), load.latestSoon().plusSeconds(10)).toMillis();
            if (wait > 0) {
                log("waiting %.0f s for the last timers due within the run", wait / 1000.0);
                Thread.sleep(Math.min(wait, TimeUnit.MINUTES.toMillis(5)));
            }
            Thread.sleep(3000);
            prober.stop();
            processed.close();
            report(prober, failovers, restarts);
            for (Instance i : instances) {
                i.serving = false;
                if (i.process != null) {
                    i.process.terminate(Duration.ofSeconds(60));
                }
            }
            log("instances stopped (SIGTERM); reading the output topics with read_committed");
            new OutputChecks(bootstrap, this).check(load.expected(), load.badById());
        }
        return finish();
    }

    private void report(ApiProber p, List<Double> failovers, List<Double> restarts) {
        long total = p.total();
        double share = total == 0 ? 0 : 100.0 * p.ok.get() / total;
        result(total > 0 && share >= availabilityTarget && p.notFoundKnown.get() == 0,
                "API availability: %,d of %,d probes to live instances answered 200 (%.2f%%, target %.1f%%); 404 for a known "
                        + "tenant %d, 5xx %s, no answer %d; longest gap without a 200 %.1f s (%d probes to an instance killed "
                        + "meanwhile left out); what failed: %s", p.ok.get(), total, share, availabilityTarget, p.notFoundKnown.get(),
                p.errors.isEmpty() ? "0" : new java.util.TreeMap<>(p.errors), p.timeouts.get(), p.longestGapSeconds(),
                p.lostToKill.get(), p.samples());
        // "never" (-1) sorts as the longest
        List<Double> sorted = failovers.stream().map(t -> t < 0 ? Double.POSITIVE_INFINITY : t).sorted().toList();
        double median = sorted.isEmpty() ? -1 : sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
        double max = sorted.isEmpty() ? -1 : sorted.get(sorted.size() - 1);
        result(!sorted.isEmpty() && median <= failoverMedianTarget && max <= failoverMaxTarget,
                "failover: %d kills, every input partition of the killed instance committed again after %s s (median %.1f s, "
                        + "max %.1f s, never = infinite; targets %.0f / %.0f s); killed instance UP again after %s s", failovers.size(),
                failovers.stream().map(ScaleOutRun::seconds).toList(), median, max, failoverMedianTarget, failoverMaxTarget,
                // a partition with no input left counts as moved at once: the figures mean most while the load runs
                restarts.stream().map(ScaleOutRun::seconds).toList());
        result(p.completeButMissing.get() == 0,
                "lists: %,d list answers, %,d said complete:true (%,d had no complete field: counted as false), %d of those "
                        + "missed a known processed tenant%s", p.lists.get(), p.listsComplete.get(), p.listsWithoutFlag.get(),
                p.completeButMissing.get(), p.completeButMissingSamples.isEmpty() ? "" : " " + p.completeButMissingSamples);
    }

    /**
     * How long the faults from {@code from} on take, with a margin of a third: the gaps drawn, plus what
     * each fault takes on an idle machine (a restart to UP about 15 s, the broker's time down and its
     * start, a rolling restart one restart per instance, the scaled-down time and the restarts after it).
     */
    double faultSeconds(List<String> faults, List<Double> gaps, int from) {
        double seconds = 0;
        for (int f = from; f < faults.size(); f++) {
            seconds += gaps.get(f) + switch (faults.get(f)) {
                case "kill" -> 15;
                case "broker" -> brokerDownSeconds + 15;
                case "rolling" -> 15.0 * instanceCount;
                default -> scaledDownSeconds + 15.0 * instanceCount;
            };
        }
        return Math.max(10, seconds * 4 / 3);
    }

    private static String seconds(double t) {
        return t < 0 ? "never" : String.format(Locale.ROOT, "%.1f", t);
    }

    private int finish() throws InterruptedException {
        for (Instance i : instances) {
            if (i.process != null && i.process.alive()) {
                i.process.terminate(Duration.ofSeconds(60));
            }
        }
        for (Broker b : brokers) {
            if (b.process != null && b.process.alive()) {
                b.process.closeInput(Duration.ofSeconds(60));
            }
        }
        log("finished; %s; logs in %s", ChaosRun.loadAverage(), runDir.resolve("logs"));
        return verdict();
    }

    // ---- faults

    private void killInstance(Admin admin, List<Double> failovers, List<Double> restarts) throws Exception {
        List<Instance> alive = Arrays.stream(instances).filter(i -> i.process != null && i.process.alive()).toList();
        Instance victim = alive.get(random.nextInt(alive.size()));
        Set<TopicPartition> owned = ownedInputPartitions(admin, victim);
        for (int tries = 0; owned.isEmpty() && tries < 20; tries++) {
            Thread.sleep(500); // the group is between two assignments (a rebalance): ask again
            owned = ownedInputPartitions(admin, victim);
        }
        log("kill -9 of instance %d (pid %d), which owned %d input partitions %s; %s", victim.n, victim.process.pid(), owned.size(),
                owned.stream().map(TopicPartition::toString).sorted().toList(), ChaosRun.loadAverage());
        long t0 = System.nanoTime();
        LocalTime killedAt = LocalTime.now();
        List<Path> survivorLogs = alive.stream().filter(i -> i != victim).map(this::currentLog).toList();
        victim.serving = false;
        victim.process.kill();
        startInstance(victim);
        // the offsets to move past are read after the kill: a commit the victim had sent just before it
        // died still lands, and counted as progress it timed a failover at 0.1 s; no other instance
        // can take the partitions over within this second (that needs a rebalance)
        Thread.sleep(1000);
        Map<TopicPartition, Long> before = committed(admin, owned);
        Set<TopicPartition> waiting = new HashSet<>(owned);
        Double failover = null;
        Double up = null;
        long deadline = t0 + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline && (failover == null || up == null)) {
            if (failover == null) {
                Map<TopicPartition, Long> now = committed(admin, waiting);
                Map<TopicPartition, Long> ends = ends(admin, waiting);
                waiting.removeIf(tp -> now.getOrDefault(tp, -1L) > before.getOrDefault(tp, -1L)
                        || now.getOrDefault(tp, -1L) >= ends.getOrDefault(tp, Long.MAX_VALUE));
                if (waiting.isEmpty()) {
                    failover = (System.nanoTime() - t0) / 1e9;
                    log("instance %d's partitions all committed again %.1f s after the kill", victim.n, failover);
                    Thread.sleep(500); // the survivors' last lines reach their logs
                    log("  where it went: %s", FailoverTimeline.describe(killedAt,
                            Duration.ofMillis((long) (failover * 1000) + 500), currentLog(victim), survivorLogs));
                }
            }
            if (up == null && health(victim) == 200) {
                up = (System.nanoTime() - t0) / 1e9;
                victim.serving = true;
            } else if (!victim.serving && health(victim) > 0) {
                victim.serving = true; // serving HTTP again, though not yet UP
            }
            Thread.sleep(250);
        }
        if (owned.isEmpty()) {
            log("instance %d owned no input partition at its kill: no failover to time", victim.n);
        } else {
            failovers.add(failover == null ? -1 : failover);
        }
        restarts.add(up == null ? -1 : up);
        if (up == null) {
            log("instance %d not UP within 180 s of its kill", victim.n);
        }
    }

    private void killBroker(String clusterId) throws Exception {
        Broker b = brokers[random.nextInt(brokers.length)];
        log("kill -9 of broker %d for %d s", b.node, brokerDownSeconds);
        b.process.kill();
        Thread.sleep(TimeUnit.SECONDS.toMillis(brokerDownSeconds));
        startBroker(b, clusterId);
        boolean back = b.process.awaitMarker(Duration.ofSeconds(180));
        log("broker %d %s", b.node, back ? "back" : "NOT back within 180 s");
        result(back, "broker kill -9: broker %d down %d s, back on the same data and ports, no manual step", b.node, brokerDownSeconds);
    }

    private void rollingRestart() throws Exception {
        log("rolling restart: SIGTERM each instance in turn, the next once the previous is UP");
        List<String> times = new ArrayList<>();
        for (Instance i : instances) {
            if (i.process == null || !i.process.alive()) {
                continue;
            }
            long t0 = System.nanoTime();
            i.serving = false;
            i.process.terminate(Duration.ofSeconds(60));
            startInstance(i);
            Optional<Double> up = awaitUp(i, Duration.ofSeconds(240));
            times.add(up.map(x -> seconds((System.nanoTime() - t0) / 1e9)).orElse("never"));
        }
        log("rolling restart done: each instance UP again after %s s", times);
        result(!times.contains("never"), "rolling restart: every instance UP again after its SIGTERM (%s s)", times);
    }

    private void scaleDownAndUp() throws Exception {
        log("scale %d -> 1: SIGTERM instances 2..%d one after the other", instanceCount, instanceCount);
        for (int k = instances.length - 1; k >= 1; k--) {
            Instance i = instances[k];
            if (i.process != null && i.process.alive()) {
                i.serving = false;
                i.process.terminate(Duration.ofSeconds(60));
            }
        }
        Optional<Double> alone = awaitUp(instances[0], Duration.ofSeconds(180));
        log("one instance left, UP %s; running like that for %d s", alone.map(ScaleOutRun::seconds).orElse("never"), scaledDownSeconds);
        Thread.sleep(TimeUnit.SECONDS.toMillis(scaledDownSeconds));
        log("scale 1 -> %d", instanceCount);
        for (int k = 1; k < instances.length; k++) {
            startInstance(instances[k]);
        }
        List<String> ups = new ArrayList<>();
        for (int k = 1; k < instances.length; k++) {
            ups.add(awaitUp(instances[k], Duration.ofSeconds(240)).map(ScaleOutRun::seconds).orElse("never"));
        }
        result(alone.isPresent() && !ups.contains("never"), "scale %d->1->%d: the last instance UP alone, the others UP again (%s s)",
                instanceCount, instanceCount, ups);
    }

    // ---- processes

    private void startBroker(Broker b, String clusterId) {
        b.starts++;
        String voters = Arrays.stream(brokers).map(x -> x.node + "@127.0.0.1:" + x.controllerPort).collect(Collectors.joining(","));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        b.process = ChildProcess.start(List.of(java, "-Xms128m", "-Xmx512m", GROUP_LOG, "-cp", absoluteClassPath(),
                        ClusterBroker.class.getName(), Integer.toString(b.node), Integer.toString(b.port),
                        Integer.toString(b.controllerPort), voters, runDir.resolve("kafka-" + b.node).toString(), clusterId),
                Map.of(), runDir, runDir.resolve("logs").resolve("broker-" + b.node + "-" + b.starts + ".log"), "READY");
    }

    private void startInstance(Instance i) {
        i.starts++;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        env.put("GUARD_EMBEDDED_KAFKA", "false");
        env.put("MICRONAUT_SERVER_PORT", Integer.toString(i.port));
        env.put("MICRONAUT_SERVER_HOST", "127.0.0.1");
        env.put("GUARD_APPLICATION_SERVER", "127.0.0.1:" + i.port);
        env.put("GUARD_APPLICATION_ID", APP_ID);
        env.put("GUARD_INSTANCE_ID", i.id);
        env.put("GUARD_STATE_DIR", i.dir.resolve("state").toString());
        env.put("GUARD_DATA_DIR", i.dir.resolve("data").toString());
        env.put("GUARD_STANDBY_REPLICAS", Integer.toString(standbys));
        env.put("GUARD_REPLICATION_FACTOR", Integer.toString(Math.min(3, brokerCount)));
        env.put("GUARD_TOPIC_REPLICATION_FACTOR", Integer.toString(Math.min(3, brokerCount)));
        env.put("GUARD_ROCKSDB_BLOCK_CACHE_BYTES", Long.toString(32L << 20));
        env.put("GUARD_JWT_SECRET", SECRET);
        i.process = ChildProcess.start(List.of(java, "-Xmx" + serviceHeap, "-XX:+UseSerialGC", GROUP_LOG, "-jar", serviceJar.toString()),
                env, i.dir, currentLog(i), null);
    }

    private Path currentLog(Instance i) {
        return runDir.resolve("logs").resolve("instance-" + i.n + "-" + i.starts + ".log");
    }

    private static String absoluteClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(e -> Path.of(e).toAbsolutePath().toString())
                .collect(Collectors.joining(java.io.File.pathSeparator));
    }

    private void killChildren() {
        List<ChildProcess> all = new ArrayList<>();
        Arrays.stream(instances).forEach(i -> all.add(i.process));
        Arrays.stream(brokers).forEach(b -> all.add(b.process));
        for (ChildProcess p : all) {
            if (p != null && p.alive()) {
                try {
                    p.kill();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    List<Integer> servingPorts() {
        return Arrays.stream(instances).filter(i -> i.serving && i.process != null && i.process.alive()).map(i -> i.port).toList();
    }

    /** Seconds until the instance's {@code /health} answers 200; it serves probes from its first HTTP answer on. */
    Optional<Double> awaitUp(Instance i, Duration timeout) throws InterruptedException {
        long t0 = System.nanoTime();
        while (System.nanoTime() - t0 < timeout.toNanos()) {
            int status = health(i);
            if (status > 0) {
                i.serving = true;
            }
            if (status == 200) {
                return Optional.of((System.nanoTime() - t0) / 1e9);
            }
            if (!i.process.alive()) {
                log("instance %d's process ended; see %s", i.n, runDir.resolve("logs"));
                return Optional.empty();
            }
            Thread.sleep(200);
        }
        return Optional.empty();
    }

    int health(Instance i) {
        return ChaosRun.health(http, i.port);
    }

    // ---- offsets

    private Set<TopicPartition> ownedInputPartitions(Admin admin, Instance i) throws Exception {
        Set<TopicPartition> out = new HashSet<>();
        for (MemberDescription m : admin.describeConsumerGroups(List.of(APP_ID)).all().get(30, TimeUnit.SECONDS)
                .get(APP_ID).members()) {
            if (m.groupInstanceId().orElse("").startsWith(i.id + "-")) {
                m.assignment().topicPartitions().stream().filter(tp -> INPUTS.contains(tp.topic())).forEach(out::add);
            }
        }
        return out;
    }

    private Map<TopicPartition, Long> committed(Admin admin, Set<TopicPartition> tps) throws Exception {
        Map<TopicPartition, Long> out = new HashMap<>();
        Map<TopicPartition, OffsetAndMetadata> all = admin.listConsumerGroupOffsets(APP_ID)
                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        for (TopicPartition tp : tps) {
            OffsetAndMetadata o = all.get(tp);
            out.put(tp, o == null ? -1L : o.offset());
        }
        return out;
    }

    private Map<TopicPartition, Long> ends(Admin admin, Set<TopicPartition> tps) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        tps.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        Map<TopicPartition, Long> out = new HashMap<>();
        admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).forEach((tp, info) -> out.put(tp, info.offset()));
        return out;
    }

    private long awaitConsumed(Admin admin, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long lag = Long.MAX_VALUE;
        int zeroes = 0;
        while (System.nanoTime() < deadline) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(List.of("subscription-events", "transfer-requests", "offer-catalog")).allTopicNames()
                    .get(30, TimeUnit.SECONDS).forEach((name, d) ->
                            d.partitions().forEach(p -> latest.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
            Map<TopicPartition, Long> ends = ends(admin, latest.keySet());
            Map<TopicPartition, Long> committed = committed(admin, latest.keySet());
            lag = ends.entrySet().stream().mapToLong(e -> e.getValue() - Math.max(0, committed.getOrDefault(e.getKey(), 0L))).sum();
            zeroes = lag == 0 ? zeroes + 1 : 0;
            if (zeroes >= 2) {
                return 0;
            }
            Thread.sleep(1000);
        }
        return lag;
    }
}
