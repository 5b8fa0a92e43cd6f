package com.cspguard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
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
    static final int[] CACHE_SIZES = {10_000, 50_000, 100_000, 250_000};

    private FactReuse() { }

    public static void main(String[] args) {
        BenchData data = BenchData.fromProperties(Long.getLong("bench.seed", 42L), java.time.Instant.now());
        Tally tally = new Tally(CACHE_SIZES, Integer.getInteger("bench.reuse.window", 2_000));
        ObjectMapper json = new ObjectMapper();
        data.generate((topic, rec) -> {
            if (rec.topic().equals("subscription-events")) {
                tally.event(new String(rec.key(), StandardCharsets.UTF_8) + "|" + subscriptionId(json, rec.value()));
            }
        });
        System.out.printf("%s: %,d subscription events, %,d subscriptions%n", data.describe(), tally.events, tally.held.size());
        System.out.printf("events of a subscription the store holds (a RocksDB get today): %,d (%.2f per event)%n",
                tally.gets, tally.gets / (double) tally.events);
        for (int i = 0; i < CACHE_SIZES.length; i++) {
            System.out.printf("  found among the last %,d facts written: %,d (%.0f%% of those gets, %.2f per event)%n",
                    CACHE_SIZES[i], tally.hits[i], 100.0 * tally.hits[i] / Math.max(1, tally.gets),
                    tally.hits[i] / (double) tally.events);
        }
        System.out.printf("events repeating a subscription within %,d events (one commit interval): %,d (%.3f per event)%n",
                tally.window, tally.repeats, tally.repeats / (double) tally.events);
    }

    private static String subscriptionId(ObjectMapper json, byte[] event) {
        try {
            JsonNode node = json.readTree(event);
            return node.path("subscription").path("id").asText();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the data set wrote an event that is no JSON", e);
        }
    }

    /** The counts over a sequence of subscription events, each named by its fact's key. */
    static final class Tally {
        final int window;
        final long[] hits;
        final Set<String> held = new HashSet<>();
        long events;
        /** Events whose fact the store held already: a get, unless a cache has it. */
        long gets;
        /** Events whose fact an earlier event of the same window wrote: a put a write-back cache saves. */
        long repeats;
        private final Lru[] caches;
        private final Set<String> inWindow = new HashSet<>();

        Tally(int[] cacheSizes, int window) {
            this.window = window;
            this.hits = new long[cacheSizes.length];
            this.caches = new Lru[cacheSizes.length];
            for (int i = 0; i < cacheSizes.length; i++) {
                caches[i] = new Lru(cacheSizes[i]);
            }
        }

        void event(String key) {
            if (events++ % window == 0) {
                inWindow.clear();
            }
            if (!inWindow.add(key)) {
                repeats++;
            }
            if (!held.add(key)) {
                gets++;
                for (int i = 0; i < caches.length; i++) {
                    if (caches[i].containsKey(key)) {
                        hits[i]++;
                    }
                }
            }
            for (Lru cache : caches) {
                cache.put(key, Boolean.TRUE);
            }
        }
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
