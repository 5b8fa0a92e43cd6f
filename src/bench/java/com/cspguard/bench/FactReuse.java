package com.cspguard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What a bounded cache of hot subscription facts in front of the store would save on a data set,
 * counted without timing anything: of the subscription events whose fact the store already holds
 * (each costs a RocksDB get today), how many find it among the last N facts written (an LRU cache of
 * N facts); and how many events repeat a subscription already written within the same commit
 * interval (a write-back cache would coalesce those puts). Run:
 * {@code java -cp ... com.cspguard.bench.FactReuse} ({@code -Dbench.datasets=churn} for the churn set,
 * {@code -Dbench.reuse.window=2000} events per commit interval).
 */
public final class FactReuse {
    private static final int[] CACHE_SIZES = {10_000, 50_000, 100_000, 250_000};

    private FactReuse() { }

    public static void main(String[] args) throws Exception {
        long seed = Long.getLong("bench.seed", 42L);
        BenchData data = "churn".equals(System.getProperty("bench.datasets", "bench"))
                ? ChurnData.fromProperties(seed, Instant.now())
                : new DataSet(Integer.getInteger("bench.tenants", 20_000), seed, Instant.now());
        int window = Integer.getInteger("bench.reuse.window", 2_000);
        ObjectMapper json = new ObjectMapper();
        Set<String> held = new HashSet<>();
        Lru[] caches = new Lru[CACHE_SIZES.length];
        for (int i = 0; i < caches.length; i++) {
            caches[i] = new Lru(CACHE_SIZES[i]);
        }
        long[] hits = new long[CACHE_SIZES.length];
        long[] counts = new long[4]; // events, events of a held subscription, repeats within a window, windows
        Set<String> inWindow = new HashSet<>();
        data.generate((topic, rec) -> {
            if (!rec.topic().equals("subscription-events")) {
                return;
            }
            String key;
            try {
                JsonNode event = json.readTree(rec.value());
                key = new String(rec.key(), StandardCharsets.UTF_8) + "|" + event.path("subscription").path("id").asText();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            if (counts[0] % window == 0) {
                inWindow.clear();
                counts[3]++;
            }
            counts[0]++;
            if (!inWindow.add(key)) {
                counts[2]++;
            }
            if (!held.add(key)) {
                counts[1]++;
                for (int i = 0; i < caches.length; i++) {
                    if (caches[i].containsKey(key)) {
                        hits[i]++;
                    }
                }
            }
            for (Lru cache : caches) {
                cache.put(key, Boolean.TRUE);
            }
        });
        System.out.printf("%s: %,d subscription events, %,d subscriptions%n", data.describe(), counts[0], held.size());
        System.out.printf("events of a subscription the store holds (a RocksDB get today): %,d (%.2f per event)%n",
                counts[1], counts[1] / (double) counts[0]);
        for (int i = 0; i < CACHE_SIZES.length; i++) {
            System.out.printf("  found among the last %,d facts written: %,d (%.0f%% of those gets, %.2f per event)%n",
                    CACHE_SIZES[i], hits[i], 100.0 * hits[i] / Math.max(1, counts[1]), hits[i] / (double) counts[0]);
        }
        System.out.printf("events repeating a subscription within %,d events (one commit interval): %,d (%.3f per event)%n",
                window, counts[2], counts[2] / (double) counts[0]);
    }

    /** The last {@code size} keys written, least recently written first. */
    private static final class Lru extends LinkedHashMap<String, Boolean> {
        private final int size;

        Lru(int size) {
            super(size * 2, 0.75f, true);
            this.size = size;
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > size;
        }
    }
}
