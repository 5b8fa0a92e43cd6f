package com.cspguard.it;

import com.cspguard.runtime.kafka.EmbeddedKafkaBroker;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

/** A real broker for integration tests, and plain Kafka clients to talk to it. */
final class KafkaTestSupport implements AutoCloseable {
    final Path dir;
    final EmbeddedKafkaBroker broker;
    /** What a client needs besides the bootstrap address (security settings of a SASL broker). */
    final Map<String, String> clientConfig;
    private final KafkaProducer<String, String> producer;

    KafkaTestSupport() {
        this(0, Map.of(), Map.of());
    }

    /** @param port the broker's port; 0 picks one. A fixed port lets a test stop and start the broker. */
    KafkaTestSupport(int port) {
        this(port, Map.of(), Map.of());
    }

    /** A broker with {@code brokerOverrides}, reached by the test's clients with {@code clientConfig}. */
    KafkaTestSupport(Map<String, String> brokerOverrides, Map<String, String> clientConfig) {
        this(0, brokerOverrides, clientConfig);
    }

    KafkaTestSupport(int port, Map<String, String> brokerOverrides, Map<String, String> clientConfig) {
        this.clientConfig = Map.copyOf(clientConfig);
        try {
            dir = Files.createTempDirectory("guard-it-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        broker = new EmbeddedKafkaBroker("127.0.0.1:" + port, dir.resolve("kafka"), brokerOverrides, clientConfig);
        broker.start();
        Properties p = new Properties();
        p.putAll(clientConfig);
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "180000");
        producer = new KafkaProducer<>(p);
    }

    String bootstrap() {
        return broker.bootstrapServers();
    }

    void send(String topic, String key, String value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A read_committed consumer from the beginning of {@code topic}. */
    KafkaConsumer<String, String> consumer(String topic) {
        Properties p = new Properties();
        p.putAll(clientConfig);
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        KafkaConsumer<String, String> c = new KafkaConsumer<>(p);
        c.subscribe(List.of(topic));
        return c;
    }

    /** Polls until {@code done} holds for what was read, or the timeout ends; returns all read. */
    static List<ConsumerRecord<String, String>> readUntil(KafkaConsumer<String, String> consumer,
                                                          Predicate<List<ConsumerRecord<String, String>>> done,
                                                          Duration timeout) {
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && !done.test(out)) {
            consumer.poll(Duration.ofMillis(200)).forEach(out::add);
        }
        return out;
    }

    /** Reads for {@code period} and returns everything read: to show that nothing (more) arrives. */
    static List<ConsumerRecord<String, String>> readFor(KafkaConsumer<String, String> consumer, Duration period) {
        return readUntil(consumer, r -> false, period);
    }

    @Override
    public void close() {
        producer.close();
        broker.close();
        deleteQuietly(dir);
    }

    static void deleteQuietly(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // temp files only
        }
    }
}
