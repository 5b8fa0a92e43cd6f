package com.cspguard.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Aborts the transactions a killed run left open, by starting its stream threads' transactional
 * producers once ({@code initTransactions} fences the old producer and aborts what it had begun).
 *
 * <p>Why it matters for failover: the killed run's open transaction holds the offsets it was about
 * to commit. Under exactly-once the new owner of those input partitions reads its start offsets as
 * "stable" only, and the broker answers "unstable" until that transaction ends: by this abort, or by
 * the transaction timeout (10 s in Kafka Streams) plus the broker's scan for timed-out transactions
 * (every 10 s). In the scale-out chaos runs that wait was most of the 12-18 s failovers.
 *
 * <p>The transactional ids are Kafka Streams' own: {@code <application.id>-<process id>-<thread>},
 * the process id kept in the state folder ({@code kafka-streams-process-metadata}), so the restart
 * uses the same ids anyway and fences the same producers a few seconds later, when its stream starts.
 */
final class PreviousRunTransactions {
    static final String PROCESS_FILE = "kafka-streams-process-metadata";

    private PreviousRunTransactions() {
    }

    /** The killed run's transactional ids, one per thread number; empty without a process id on disk. */
    static List<String> transactionalIds(Path stateDir, String applicationId, List<Integer> threads) {
        return processId(stateDir.resolve(applicationId).resolve(PROCESS_FILE))
                .map(process -> threads.stream().map(n -> applicationId + "-" + process + "-" + n).toList())
                .orElse(List.of());
    }

    /** Fences each id; returns those done. Throws on the first that fails (a timeout: the broker's own expiry still ends them). */
    static List<String> abort(Properties kafka, List<String> transactionalIds, Duration timeout) {
        List<String> done = new ArrayList<>();
        for (String id : transactionalIds) {
            Properties p = new Properties();
            p.putAll(kafka);
            p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, id);
            p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) timeout.toMillis());
            p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
                producer.initTransactions();
            }
            done.add(id);
        }
        return done;
    }

    private static Optional<String> processId(Path file) {
        try {
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            return Optional.ofNullable(new ObjectMapper().readTree(file.toFile()).path("processId").textValue());
        } catch (IOException e) {
            return Optional.empty(); // Kafka Streams will say what is wrong with its own file
        }
    }
}
