package com.cspguard.chaos;

import com.cspguard.chaos.ChaosLoad.Rec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;

/**
 * Writes the chaos load at the configured rate (records per second, 0: as fast as it goes), for
 * the single-instance and the scale-out runs alike; the producer rides out a broker restart or kill
 * by retrying (idempotent, acks=all, ten minutes to deliver).
 */
final class Producing implements Runnable {
    final List<Rec> records;
    final AtomicLong acked = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicReference<String> firstError = new AtomicReference<>();
    private final String bootstrap;
    /** Records written so far (sent, not yet acknowledged). */
    final AtomicLong sent = new AtomicLong();
    /** The pace from a moment on: records per second from that record; a rate of 0 writes as fast as it goes. */
    private record Pace(long fromNanos, long fromRecord, double rate) { }

    private volatile Pace pace;
    private final BiConsumer<String, Object[]> log;

    Producing(String bootstrap, double rate, List<Rec> records, BiConsumer<String, Object[]> log) {
        this.bootstrap = bootstrap;
        this.pace = new Pace(System.nanoTime(), 0, rate);
        this.records = records;
        this.log = log;
    }

    /** Writes the rest at {@code recordsPerSecond} from now on (the scale-out run stretches the load over the faults left). */
    void pace(double recordsPerSecond) {
        pace = new Pace(System.nanoTime(), sent.get(), recordsPerSecond);
    }

    @Override
    public void run() {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1_000_000);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 600_000);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 30_000);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 600_000);
        long t0 = System.nanoTime();
        pace = new Pace(t0, 0, pace.rate());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p)) {
            for (int i = 0; i < records.size(); i++) {
                Rec r = records.get(i);
                producer.send(new ProducerRecord<>(r.topic(), r.key(), r.value()), (md, e) -> {
                    if (e == null) {
                        acked.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                        firstError.compareAndSet(null, e.toString());
                    }
                });
                sent.incrementAndGet();
                Pace now = pace;
                if (now.rate() > 0 && i % 100 == 99) {
                    long sleep = now.fromNanos() + (long) ((i + 1 - now.fromRecord()) * 1e9 / now.rate()) - System.nanoTime();
                    if (sleep > 0) {
                        Thread.sleep(TimeUnit.NANOSECONDS.toMillis(sleep));
                    }
                }
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            firstError.compareAndSet(null, e.toString());
            failed.incrementAndGet();
        }
        log.accept("load written: %,d records acknowledged, %d failed, in %.0f s",
                new Object[]{acked.get(), failed.get(), (System.nanoTime() - t0) / 1e9});
    }
}
