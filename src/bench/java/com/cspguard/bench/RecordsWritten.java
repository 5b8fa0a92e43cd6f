package com.cspguard.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.KafkaStreams;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The records an application wrote, per topic: changelog, repartition and output records alike.
 * Which topics it wrote to comes from its producers' metrics, sampled while it runs; how many
 * records, from reading those topics back from the beginning once it is done. Not from the
 * producers' {@code record-send-total}: that counts a batch again each time it is retried, and
 * subtracting {@code record-retry-total} gave fewer records than a read-back. Not from end offsets
 * alone: they also count the transaction markers of exactly-once (printed apart). The read-back
 * sees everything only while nothing is purged: Kafka Streams deletes consumed records from
 * repartition topics every {@code repartition.purge.interval.ms}, which the benchmark turns off for
 * the applications whose repartition topics it counts.
 */
final class RecordsWritten {
    private final Set<String> topics = new TreeSet<>();
    private final Map<String, Long> records = new TreeMap<>();
    private long markers;

    /** Notes the topics the application's producers have sent to so far. */
    void sample(KafkaStreams streams) {
        streams.metrics().keySet().forEach(name -> {
            if (name.group().equals("producer-topic-metrics") && name.tags().containsKey("topic")) {
                topics.add(name.tags().get("topic"));
            }
        });
    }

    /**
     * Reads every topic noted by {@link #sample} back and counts its records; call before another
     * application writes to the same topics.
     */
    RecordsWritten count(String bootstrap, Admin admin) throws Exception {
        records.clear();
        if (topics.isEmpty()) {
            return this;
        }
        Map<TopicPartition, Long> ends = StreamsRun.endOffsets(admin, List.copyOf(topics));
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        // every record written, also of a transaction that aborted in a rebalance: written all the same
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            consumer.assign(ends.keySet());
            consumer.seekToBeginning(ends.keySet());
            long idleSince = System.nanoTime();
            while (!atEnd(consumer, ends)) {
                var batch = consumer.poll(Duration.ofMillis(200));
                batch.forEach(r -> records.merge(r.topic(), 1L, Long::sum));
                if (!batch.isEmpty()) {
                    idleSince = System.nanoTime();
                } else if (System.nanoTime() - idleSince > TimeUnit.SECONDS.toNanos(10)) {
                    System.out.println("  (records written: stopped 10 s short of the end offsets " + ends + ")");
                    break;
                }
            }
        }
        topics.forEach(t -> records.putIfAbsent(t, 0L));
        markers = ends.values().stream().mapToLong(Long::longValue).sum() - total(t -> true);
        return this;
    }

    private static boolean atEnd(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> ends) {
        for (var e : ends.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    long total(Predicate<String> topic) {
        return records.entrySet().stream().filter(e -> topic.test(e.getKey())).mapToLong(Map.Entry::getValue).sum();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        records.forEach((topic, n) -> text.append(String.format("%n    %-60s %,12d", topic, n)));
        return text.append(String.format("%n    %-60s %,12d", "(transaction markers and purged records, not counted)", markers))
                .toString();
    }
}
