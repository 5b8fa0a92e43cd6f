package com.cspguard.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** Runs one Kafka Streams application until it has committed every input record, and times it. */
final class StreamsRun {
    private StreamsRun() { }

    static Properties props(String bootstrap, String appId, Path stateDir) {
        Properties p = new Properties();
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, appId);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        // The service's own setting (application.yml, GUARD_MAX_TASK_IDLE_MS), Kafka's default; -1 spares the
        // per-record log formatting for empty input partitions but gives up the timestamp order of a backfill
        // (docs/benchmarks.md, "Where an event's time goes"); -Dbench.streams.max.task.idle.ms=-1 tries it
        p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, "0");
        // The service's own setting too (GUARD_PRODUCER_BATCH_SIZE): with 16 KB batches the producer opened a
        // batch, and woke its sender thread, every 60-80 records of a partition (12% of processing)
        p.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), "262144");
        // And GUARD_MAX_POLL_RECORDS (issue 18): a stream thread polls, and so joins a rebalance, after at
        // most 250 records instead of Kafka's 1000
        p.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), "250");
        p.put("consumer.auto.offset.reset", "earliest");
        p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, com.cspguard.topology.config.GuardRocksDBConfig.class.getName());
        // consumed repartition records are not purged, so that RecordsWritten can count them after the
        // run; by default one purge (a delete-records request) every 30 s, a negligible cost
        p.put(StreamsConfig.REPARTITION_PURGE_INTERVAL_MS_CONFIG, Long.MAX_VALUE);
        // -Dbench.streams.<config>=<value> sets any Streams config for every application of the run,
        // to try a setting on the service and the baseline alike
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("bench.streams."))
                .forEach(k -> p.put(k.substring("bench.streams.".length()), System.getProperty(k)));
        return p;
    }

    /**
     * How long a run took for its input records, what it wrote, and the JIT compilers' time meanwhile
     * (the JVM's total, every compiler thread: a run measured while the JIT still compiles pays for it).
     */
    record Timing(double seconds, long records, RecordsWritten written, double compileSeconds) {
        double rate() {
            return records / seconds;
        }
    }

    static KafkaStreams start(Topology topology, Properties props) {
        KafkaStreams streams = new KafkaStreams(topology, props);
        streams.start();
        return streams;
    }

    static void awaitRunning(KafkaStreams streams, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("streams not RUNNING: " + streams.state());
            }
            Thread.sleep(20);
        }
    }

    /**
     * Waits until the JIT compilers have been idle (under 50 ms of compilation per second) for two
     * seconds in a row, at most 60 s; returns the seconds waited. C2 is one thread on two cores: the
     * queue a warm-up leaves behind is otherwise compiled during the next measured run.
     */
    static double awaitCompilerIdle() throws InterruptedException {
        long started = System.nanoTime();
        int idle = 0;
        long last = compileMillis();
        while (idle < 2 && System.nanoTime() - started < 60e9) {
            Thread.sleep(1_000);
            long now = compileMillis();
            idle = now - last < 50 ? idle + 1 : 0;
            last = now;
        }
        return (System.nanoTime() - started) / 1e9;
    }

    /** The JIT compilers' total time so far, in seconds. */
    static double compileSeconds() {
        return compileMillis() / 1e3;
    }

    private static long compileMillis() {
        var jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0L;
    }

    /** From RUNNING to every input record committed by the application's group. */
    static Timing runToEnd(Admin admin, Topology topology, Properties props, List<String> inputs, long totalRecords)
            throws Exception {
        Map<TopicPartition, Long> ends = endOffsets(admin, inputs);
        KafkaStreams streams = start(topology, props);
        RecordsWritten written = new RecordsWritten();
        try {
            awaitRunning(streams, 120_000);
            long t0 = System.nanoTime();
            long compiled0 = compileMillis();
            String group = props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
            long lastLog = t0;
            long polls = 0;
            while (true) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                long done = 0;
                boolean all = true;
                for (var e : ends.entrySet()) {
                    OffsetAndMetadata c = committed.get(e.getKey());
                    long at = c == null ? 0 : c.offset();
                    done += at;
                    // under EOS the committed offset may sit one past the end (a transaction marker)
                    all &= at >= e.getValue();
                }
                if (all && repartitionsDrained(admin, group, committed)) {
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    written.sample(streams);
                    return new Timing(seconds, totalRecords, written, (compileMillis() - compiled0) / 1e3);
                }
                if (++polls % 10 == 0) {
                    written.sample(streams);
                }
                if (System.nanoTime() - lastLog > 10e9) {
                    System.out.printf("  ... %s: %,d of %,d committed%n", group, done, totalRecords);
                    lastLog = System.nanoTime();
                }
                if (streams.state() == KafkaStreams.State.ERROR) {
                    throw new IllegalStateException(group + " failed");
                }
                Thread.sleep(50);
            }
        } finally {
            streams.close();
        }
    }

    /**
     * Whether the application has also consumed everything it wrote to its repartition topics (the
     * DSL peer has two; the service and the baseline none). Read after the committed offsets: once
     * every input offset is committed, no more is written upstream of what those offsets cover, so
     * end offsets read now are final. Exactly-once ends each partition's log with a transaction
     * marker, which a committed offset may or may not have stepped over, hence the one offset of slack.
     */
    private static boolean repartitionsDrained(Admin admin, String group, Map<TopicPartition, OffsetAndMetadata> committed)
            throws Exception {
        List<String> repartitions = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                .filter(t -> t.startsWith(group + "-") && t.endsWith("-repartition")).toList();
        if (repartitions.isEmpty()) {
            return true;
        }
        for (var e : endOffsets(admin, repartitions).entrySet()) {
            OffsetAndMetadata c = committed.get(e.getKey());
            if ((c == null ? 0 : c.offset()) < e.getValue() - 1) {
                return false;
            }
        }
        return true;
    }

    /** Waits until {@code group} has committed every record now in {@code inputs}, at most {@code timeoutMs}. */
    static void awaitCommitted(Admin admin, String group, List<String> inputs, long timeoutMs) throws Exception {
        Map<TopicPartition, Long> ends = endOffsets(admin, inputs);
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (System.nanoTime() < deadline) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            boolean all = true;
            for (var e : ends.entrySet()) {
                OffsetAndMetadata c = committed.get(e.getKey());
                all &= (c == null ? 0 : c.offset()) >= e.getValue();
            }
            if (all) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(group + " did not commit " + inputs + " within " + timeoutMs + " ms");
    }

    static Map<TopicPartition, Long> endOffsets(Admin admin, List<String> topics) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).forEach((name, d) ->
                d.partitions().forEach(p -> request.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
        ListOffsetsResult result = admin.listOffsets(request);
        return result.all().get(30, TimeUnit.SECONDS).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }
}
