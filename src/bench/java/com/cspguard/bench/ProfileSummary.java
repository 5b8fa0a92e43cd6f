package com.cspguard.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
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

    private ProfileSummary() { }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: ProfileSummary <file.jfr> [stream thread name prefix...]");
            System.exit(2);
        }
        List<RecordedEvent> samples = new ArrayList<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (e.getEventType().getName().equals("jdk.ExecutionSample") && e.getStackTrace() != null) {
                samples.add(e);
            }
        }
        System.out.printf("%s: %,d CPU samples%n%n", args[0], samples.size());
        threads(samples);
        for (int i = 1; i < args.length; i++) {
            streamThread(samples, args[i]);
        }
    }

    private static String threadName(RecordedEvent e) {
        RecordedThread t = e.getThread("sampledThread");
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
        System.out.println("| thread (numbers folded) | share of CPU samples |");
        System.out.println("| --- | --- |");
        byKind.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(15)
                .forEach(en -> System.out.printf(Locale.ROOT, "| %s | %.1f%% |%n", en.getKey(), 100.0 * en.getValue() / samples.size()));
        System.out.println();
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    private static void streamThread(List<RecordedEvent> all, String prefix) {
        List<RecordedEvent> mine = all.stream().filter(e -> threadName(e).startsWith(prefix)).toList();
        if (mine.isEmpty()) {
            System.out.printf("no samples of threads named %s*%n%n", prefix);
            return;
        }
        Map<String, Integer> parts = new LinkedHashMap<>();
        Map<String, Integer> inside = new LinkedHashMap<>();
        Map<String, Integer> guardSelf = new TreeMap<>();
        int processing = 0;
        for (RecordedEvent e : mine) {
            RecordedStackTrace st = e.getStackTrace();
            List<RecordedFrame> frames = st.getFrames(); // top (innermost) first
            String part = "other (state transitions, restoration, idle loop)";
            for (int i = frames.size() - 1; i >= 0 && part.startsWith("other"); i--) {
                String f = name(frames.get(i));
                for (Part p : PARTS) {
                    if (p.frame().test(f)) {
                        part = p.name();
                        break;
                    }
                }
            }
            parts.merge(part, 1, Integer::sum);
            if (part.equals("processing")) {
                processing++;
                String kind = "JDK and the rest";
                outer:
                for (RecordedFrame fr : frames) {
                    String f = name(fr);
                    for (Map.Entry<String, Predicate<String>> k : INSIDE.entrySet()) {
                        if (k.getValue().test(f)) {
                            kind = k.getKey();
                            break outer;
                        }
                    }
                }
                inside.merge(kind, 1, Integer::sum);
                for (RecordedFrame fr : frames) {
                    if (fr.getMethod().getType().getName().startsWith("com.cspguard.")) {
                        guardSelf.merge(name(fr), 1, Integer::sum);
                        break;
                    }
                }
            }
        }
        int n = mine.size();
        System.out.printf("### Stream thread %s* (%,d samples)%n%n| part | share |%n| --- | --- |%n", prefix, n);
        parts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(en -> System.out.printf(Locale.ROOT, "| %s | %.1f%% |%n", en.getKey(), 100.0 * en.getValue() / n));
        if (processing > 0) {
            int p = processing;
            System.out.printf("%n| inside processing: innermost frame of | share of processing |%n| --- | --- |%n");
            inside.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .forEach(en -> System.out.printf(Locale.ROOT, "| %s | %.1f%% |%n", en.getKey(), 100.0 * en.getValue() / p));
            System.out.printf("%n| innermost guard method on the stack (top 12) | share of processing |%n| --- | --- |%n");
            guardSelf.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(12)
                    .forEach(en -> System.out.printf(Locale.ROOT, "| `%s` | %.1f%% |%n",
                            en.getKey().replace("com.cspguard.", ""), 100.0 * en.getValue() / p));
        }
        System.out.println();
    }
}
