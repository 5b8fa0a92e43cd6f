package com.cspguard.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Summarises a Flight Recorder file of an end-to-end run (bench/profile.sh): where the CPU samples of
 * each kind of thread go, and, for the stream threads of one application, which part of the work
 * (processing and inside it the guard's own code, RocksDB, the producer; polling; committing the
 * transaction; punctuation) each sample belongs to. Printed as Markdown tables for docs/benchmarks.md.
 * Usage: {@code ProfileSummary <file.jfr> <stream thread name prefix>...}.
 */
public final class ProfileSummary {
    /** A part of the stream thread's work: the first marker found walking from the thread's root up. */
    private record Part(String name, Predicate<String> frame) { }

    /** Ordered: the outermost matching frame decides the part. */
    private static final List<Part> PARTS = List.of(
            new Part("commit (flush stores, commit the transaction)", f -> f.contains("TaskManager.commit")
                    || f.contains("TaskExecutor.commit") || f.contains("StreamsProducer.commitTransaction")
                    || f.contains("TaskManager.maybeCommit")),
            new Part("punctuation", f -> f.contains("punctuate")),
            new Part("poll (consumer)", f -> f.contains("StreamThread.pollRequests") || f.contains("KafkaConsumer.poll")
                    || f.contains("ClassicKafkaConsumer.poll") || f.contains("AsyncKafkaConsumer.poll")),
            new Part("processing", f -> f.contains("StreamTask.process") || f.contains("TaskExecutor.process")));

    /** Inside processing: the innermost frame of these kinds decides (walking from the top down). */
    private static final Map<String, Predicate<String>> INSIDE = new LinkedHashMap<>();

    static {
        INSIDE.put("RocksDB (JNI)", f -> f.startsWith("org.rocksdb."));
        INSIDE.put("producer send (serialise, partition, append)", f -> f.startsWith("org.apache.kafka.clients.producer."));
        INSIDE.put("record headers / metrics / time", f -> f.startsWith("org.apache.kafka.common.metrics.")
                || f.startsWith("org.apache.kafka.common.header."));
        INSIDE.put("Jackson (JSON)", f -> f.startsWith("com.fasterxml.jackson."));
        INSIDE.put("guard: wire (parse, JSON out)", f -> f.startsWith("com.cspguard.wire."));
        INSIDE.put("guard: domain (rules)", f -> f.startsWith("com.cspguard.domain."));
        INSIDE.put("guard: topology (facts, indexes, outputs, decisions)", f -> f.startsWith("com.cspguard."));
        INSIDE.put("Kafka Streams (stores, record context, forwarding)", f -> f.startsWith("org.apache.kafka.streams."));
    }

    private static final java.util.Set<String> KINDS = java.util.Set.of("jdk.ExecutionSample", "jdk.NativeMethodSample",
            "jdk.ThreadPark", "jdk.JavaMonitorWait", "jdk.ThreadSleep");

    private ProfileSummary() { }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: ProfileSummary <file.jfr> [stream thread name prefix...]");
            System.exit(2);
        }
        List<RecordedEvent> samples = new ArrayList<>();
        List<RecordedEvent> loads = new ArrayList<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(args[0]))) {
            String type = e.getEventType().getName();
            if (KINDS.contains(type) && e.getStackTrace() != null) {
                samples.add(e);
            } else if (type.equals("jdk.ThreadCPULoad") || type.equals("jdk.CPULoad")) {
                loads.add(e);
            }
        }
        List<RecordedEvent> cpu = samples.stream().filter(e -> e.getEventType().getName().equals("jdk.ExecutionSample")).toList();
        System.out.printf("%s: %,d samples of threads running Java%n%n", args[0], cpu.size());
        threads(cpu);
        for (int i = 1; i < args.length; i++) {
            streamThread(samples, args[i]);
            cores(samples, loads, args[i]);
        }
    }

    private static String threadName(RecordedEvent e) {
        // samples name the thread they sampled; waits are events of the waiting thread itself
        RecordedThread t = e.hasField("sampledThread") ? e.getThread("sampledThread") : e.getThread();
        return t == null || t.getJavaName() == null ? "?" : t.getJavaName();
    }

    /** Thread names with their numbers and ids folded, so that one kind of thread is one line. */
    static String threadKind(String name) {
        return name.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<id>")
                .replaceAll("\\d+", "N");
    }

    private static void threads(List<RecordedEvent> samples) {
        Map<String, Integer> byKind = new TreeMap<>();
        samples.forEach(e -> byKind.merge(threadKind(threadName(e)), 1, Integer::sum));
        System.out.println("| thread (numbers folded) | share of the samples running Java |");
        System.out.println("| --- | --- |");
        byKind.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(15)
                .forEach(en -> System.out.printf(Locale.ROOT, "| %s | %.1f%% |%n", en.getKey(), 100.0 * en.getValue() / samples.size()));
        System.out.println();
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    /** The part of the stream thread's work a stack belongs to: the outermost marker frame decides. */
    private static String part(List<RecordedFrame> frames) {
        for (int i = frames.size() - 1; i >= 0; i--) {
            String f = name(frames.get(i));
            for (Part p : PARTS) {
                if (p.frame().test(f)) {
                    return p.name();
                }
            }
        }
        return "other (state transitions, restoration, idle loop)";
    }

    private static String inside(List<RecordedFrame> frames) {
        for (RecordedFrame fr : frames) {
            String f = name(fr);
            for (Map.Entry<String, Predicate<String>> k : INSIDE.entrySet()) {
                if (k.getValue().test(f)) {
                    return k.getKey();
                }
            }
        }
        return "JDK and the rest";
    }

    /** Milliseconds one event stands for: a sample its period (bench/profile.sh sets 10 ms for both kinds), a wait its duration. */
    private static double millis(RecordedEvent e) {
        return switch (e.getEventType().getName()) {
            case "jdk.ExecutionSample", "jdk.NativeMethodSample" -> SAMPLE_MS;
            default -> e.getDuration().toNanos() / 1e6;
        };
    }

    private static String how(RecordedEvent e) {
        return switch (e.getEventType().getName()) {
            case "jdk.ExecutionSample" -> "running Java";
            case "jdk.NativeMethodSample" -> "in native code";
            default -> "waiting";
        };
    }

    private static final double SAMPLE_MS = 10;
    private static final List<String> HOW = List.of("running Java", "in native code", "waiting");

    private static void streamThread(List<RecordedEvent> all, String prefix) {
        List<RecordedEvent> mine = all.stream()
                .filter(e -> threadName(e).startsWith(prefix) && threadName(e).contains("-StreamThread-")).toList();
        if (mine.isEmpty()) {
            System.out.printf("no samples of threads named %s*%n%n", prefix);
            return;
        }
        double wall = (mine.stream().mapToLong(e -> e.getEndTime().toEpochMilli()).max().orElse(0)
                - mine.stream().mapToLong(e -> e.getStartTime().toEpochMilli()).min().orElse(0));
        Map<String, Map<String, Double>> parts = new LinkedHashMap<>();
        Map<String, Double> inside = new LinkedHashMap<>();
        Map<String, Double> selfFrames = new TreeMap<>();
        Map<String, Double> guardInPunctuation = new TreeMap<>();
        double processing = 0;
        for (RecordedEvent e : mine) {
            List<RecordedFrame> frames = e.getStackTrace().getFrames(); // top (innermost) first
            if (frames.isEmpty()) {
                continue;
            }
            String part = part(frames);
            double ms = millis(e);
            parts.computeIfAbsent(part, k -> new LinkedHashMap<>()).merge(how(e), ms, Double::sum);
            if (part.equals("processing") && !how(e).equals("waiting")) {
                processing += ms;
                inside.merge(inside(frames), ms, Double::sum);
                selfFrames.merge(name(frames.get(0)) + frames.stream().skip(1)
                        .filter(fr -> fr.getMethod().getType().getName().startsWith("com.cspguard."))
                        .findFirst().map(fr -> "` from `" + name(fr)).orElse(""), ms, Double::sum);
            }
            if (part.equals("punctuation") && !how(e).equals("waiting")) {
                frames.stream().filter(fr -> fr.getMethod().getType().getName().startsWith("com.cspguard."))
                        .reduce((a, b) -> b) // the outermost guard frame: which punctuator
                        .ifPresent(fr -> guardInPunctuation.merge(name(fr), ms, Double::sum));
            }
        }
        System.out.printf(Locale.ROOT, "### Stream thread %s* (%.1f s from its first to its last event)%n%n", prefix, wall / 1000);
        System.out.println("| part | running Java | in native code (RocksDB; socket waits) | waiting (park, monitor, sleep >= 1 ms) | all |");
        System.out.println("| --- | --- | --- | --- | --- |");
        double[] sums = new double[3];
        parts.entrySet().stream()
                .sorted((a, b) -> Double.compare(total(b.getValue()), total(a.getValue())))
                .forEach(en -> {
                    StringBuilder row = new StringBuilder("| " + en.getKey());
                    for (int k = 0; k < 3; k++) {
                        double v = en.getValue().getOrDefault(HOW.get(k), 0.0);
                        sums[k] += v;
                        row.append(String.format(Locale.ROOT, " | %.1f%%", 100 * v / wall));
                    }
                    System.out.println(row.append(String.format(Locale.ROOT, " | %.1f%% |", 100 * total(en.getValue()) / wall)));
                });
        System.out.printf(Locale.ROOT, "| **all** | %.1f%% | %.1f%% | %.1f%% | %.1f%% (the rest: waits under 1 ms, or ready but not on a core) |%n",
                100 * sums[0] / wall, 100 * sums[1] / wall, 100 * sums[2] / wall, 100 * (sums[0] + sums[1] + sums[2]) / wall);
        if (processing > 0) {
            double p = processing;
            System.out.printf("%n| processing (on a core): innermost frame of | share |%n| --- | --- |%n");
            top(inside, p, 20);
            System.out.printf("%n| processing (on a core): innermost method, from the innermost guard method (top 20) | share |%n| --- | --- |%n");
            top(selfFrames, p, 20);
        }
        if (!guardInPunctuation.isEmpty()) {
            double p = guardInPunctuation.values().stream().mapToDouble(Double::doubleValue).sum();
            System.out.printf("%n| punctuation (on a core): punctuator | share |%n| --- | --- |%n");
            top(guardInPunctuation, p, 8);
        }
        System.out.println();
    }

    /**
     * Where the cores went while the application's stream thread lived (Flight Recorder's own CPU load
     * events, in cores): the machine, this JVM, the stream thread, and the JIT compiler threads, which the
     * samples above do not show (they are not Java threads), nor the broker (its own JVM).
     */
    private static void cores(List<RecordedEvent> samples, List<RecordedEvent> loads, String prefix) {
        List<RecordedEvent> mine = samples.stream()
                .filter(e -> threadName(e).startsWith(prefix) && threadName(e).contains("-StreamThread-")).toList();
        if (mine.isEmpty()) {
            return;
        }
        java.time.Instant from = mine.stream().map(RecordedEvent::getStartTime).min(java.util.Comparator.naturalOrder()).orElseThrow();
        java.time.Instant to = mine.stream().map(RecordedEvent::getEndTime).max(java.util.Comparator.naturalOrder()).orElseThrow();
        int cpus = Runtime.getRuntime().availableProcessors();
        // per kind, the cores of each reporting period (Flight Recorder reports every thread once per
        // period, at nearly the same instant: events of one second are one period), summed over its threads
        Map<String, Map<Long, Double>> byWhat = new LinkedHashMap<>();
        for (RecordedEvent e : loads) {
            if (e.getStartTime().isBefore(from) || e.getStartTime().isAfter(to)) {
                continue;
            }
            long period = e.getStartTime().getEpochSecond();
            if (e.getEventType().getName().equals("jdk.CPULoad")) {
                byWhat.computeIfAbsent("the machine", k -> new TreeMap<>()).merge(period, (double) e.getFloat("machineTotal") * cpus, Double::sum);
                byWhat.computeIfAbsent("this JVM", k -> new TreeMap<>())
                        .merge(period, (double) (e.getFloat("jvmUser") + e.getFloat("jvmSystem")) * cpus, Double::sum);
            } else {
                String thread = e.getThread("eventThread") == null ? null : e.getThread("eventThread").getJavaName();
                String what = thread == null ? null : thread.startsWith(prefix) && thread.contains("-StreamThread-") ? "the stream thread"
                        : thread.contains("CompilerThread") ? "the JIT compiler threads" : null;
                if (what != null) {
                    byWhat.computeIfAbsent(what, k -> new TreeMap<>())
                            .merge(period, (double) (e.getFloat("user") + e.getFloat("system")) * cpus, Double::sum);
                }
            }
        }
        System.out.printf(Locale.ROOT, "| while %s* ran (%d cores): average load of | cores |%n| --- | --- |%n", prefix, cpus);
        byWhat.forEach((what, periods) -> System.out.printf(Locale.ROOT, "| %s | %.2f |%n", what,
                periods.values().stream().mapToDouble(Double::doubleValue).average().orElse(0)));
        System.out.println();
    }

    private static double total(Map<String, Double> m) {
        return m.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    private static void top(Map<String, Double> m, double of, int n) {
        m.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(n)
                .forEach(en -> System.out.printf(Locale.ROOT, "| `%s` | %.1f%% |%n",
                        en.getKey().replace("com.cspguard.", "").replace("org.apache.kafka.", "o.a.k."), 100.0 * en.getValue() / of));
    }
}
