package com.cspguard.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The records an application wrote, per topic, counted by reading them back: end offsets alone
 * would also count the transaction markers that exactly-once writes to every partition a
 * transaction touched.
 */
final class RecordsWritten {
    private final Map<String, Long> records = new TreeMap<>();
    private long markers;

    private RecordsWritten() { }

    static RecordsWritten count(String bootstrap, Admin admin, Collection<String> topics) throws Exception {
        RecordsWritten written = new RecordsWritten();
        if (topics.isEmpty()) {
            return written;
        }
        Map<TopicPartition, Long> ends = StreamsRun.endOffsets(admin, List.copyOf(topics));
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        // every record written, also of a transaction that aborted: that was work done all the same
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
                batch.forEach(r -> written.records.merge(r.topic(), 1L, Long::sum));
                if (!batch.isEmpty()) {
                    idleSince = System.nanoTime();
                } else if (System.nanoTime() - idleSince > TimeUnit.SECONDS.toNanos(10)) {
                    System.out.println("  (records written: stopped 10 s short of the end offsets " + ends + ")");
                    break;
                }
            }
        }
        long offsets = ends.values().stream().mapToLong(Long::longValue).sum();
        written.markers = offsets - written.total(t -> true);
        topics.forEach(t -> written.records.putIfAbsent(t, 0L));
        return written;
    }

    private static boolean atEnd(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> ends) {
        for (var e : ends.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    long total(Predicate<String> topics) {
        return records.entrySet().stream().filter(e -> topics.test(e.getKey())).mapToLong(Map.Entry::getValue).sum();
    }

    /** Offsets taken by transaction markers rather than records. */
    long markers() {
        return markers;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        records.forEach((topic, n) -> text.append(String.format("%n    %-60s %,12d", topic, n)));
        return text.append(String.format("%n    %-60s %,12d", "(transaction markers, not counted)", markers)).toString();
    }
}
