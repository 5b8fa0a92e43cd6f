package com.cspguard.chaos;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Follows tenant-subscription-counts with {@code read_committed}: a tenant is processed (and so
 * known to the service, which must answer 200 for it) from its first committed counts record on.
 */
final class ProcessedWatcher implements ApiProber.ProcessedTenants, AutoCloseable {
    private record Seen(String tenant, long at) { }

    private final List<Seen> seen = new ArrayList<>();
    private final java.util.Set<String> tenants = new java.util.HashSet<>();
    private final Thread thread;
    private volatile boolean running = true;

    ProcessedWatcher(String bootstrap) {
        thread = new Thread(() -> {
            Map<String, Object> p = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.GROUP_ID_CONFIG, "chaos-watcher-" + System.nanoTime(),
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
                c.subscribe(List.of("tenant-subscription-counts"));
                while (running) {
                    for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                        synchronized (this) {
                            if (r.key() != null && tenants.add(r.key())) {
                                seen.add(new Seen(r.key(), System.nanoTime()));
                            }
                        }
                    }
                }
            } catch (RuntimeException e) {
                if (running) {
                    System.out.println("processed-tenant watcher stopped: " + e);
                }
            }
        }, "chaos-processed-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized String anyProcessedBefore(long nanoTime, Random random) {
        int n = count(nanoTime);
        return n == 0 ? null : seen.get(random.nextInt(n)).tenant();
    }

    @Override
    public synchronized List<String> processedBefore(long nanoTime) {
        return seen.subList(0, count(nanoTime)).stream().map(Seen::tenant).toList();
    }

    /** Seen in time order: the number seen before {@code nanoTime}. */
    private int count(long nanoTime) {
        int lo = 0;
        int hi = seen.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (seen.get(mid).at() - nanoTime < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    synchronized int size() {
        return seen.size();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5_000);
    }
}
