package com.cspguard.bench;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The latency run's load keeps the data set's mix of creations and changes in every part of the run. */
class LatencyLoadTest {
    private static final Instant NOW = Instant.parse("2026-11-25T00:00:00Z");
    private static final Pattern SUB = Pattern.compile("\"subscription\":\\{\"id\":\"([^\"]+)\"");

    /** Per tenth of the load, the share of its subscription events that change a subscription seen before. */
    private static double[] changeShares(List<DataSet.Rec> prelude, List<DataSet.Rec> load) {
        Set<String> seen = new HashSet<>();
        prelude.forEach(r -> key(r).ifPresent(seen::add));
        int parts = 10;
        double[] shares = new double[parts];
        int per = load.size() / parts;
        for (int p = 0; p < parts; p++) {
            int events = 0;
            int changes = 0;
            for (DataSet.Rec r : load.subList(p * per, (p + 1) * per)) {
                var key = key(r);
                if (key.isEmpty()) {
                    continue;
                }
                events++;
                if (!seen.add(key.get())) {
                    changes++;
                }
            }
            shares[p] = changes / (double) events;
        }
        return shares;
    }

    /** Tenant and subscription of a subscription event; empty for a transfer request. */
    private static java.util.Optional<String> key(DataSet.Rec r) {
        if (!r.topic().equals("subscription-events")) {
            return java.util.Optional.empty();
        }
        Matcher m = SUB.matcher(new String(r.value(), StandardCharsets.UTF_8));
        assertThat(m.find()).isTrue();
        return java.util.Optional.of(new String(r.key(), StandardCharsets.UTF_8) + '|' + m.group(1));
    }

    private static double spread(double[] shares) {
        double min = 1;
        double max = 0;
        for (int p = 1; p < shares.length; p++) { // the first tenth: every stream's first set just began
            min = Math.min(min, shares[p]);
            max = Math.max(max, shares[p]);
        }
        return max - min;
    }

    @Test
    void theMixOfCreationsAndChangesIsTheSameInEveryTenthOfTheLoad() {
        DataSet data = new DataSet(4_000, 5, NOW);
        long setSize = data.generate((t, r) -> { })[0];
        long needed = setSize;
        LatencyLoad load = LatencyLoad.build(data, 6, needed);
        assertThat(load.timed()).hasSize((int) needed);
        assertThat(spread(changeShares(load.prelude(), load.timed()))).as("interleaved streams at different points of their sets").isLessThan(0.2); // 0.16-0.32 here: a tenant of 400 subscriptions is a burst of creations

        // the load as it was: one set after another, creations first
        List<DataSet.Rec> sequential = new ArrayList<>();
        for (long s = 6; sequential.size() < needed; s++) {
            data.withSeed(s).generate((t, r) -> {
                if (sequential.size() < needed) {
                    sequential.add(r);
                }
            });
        }
        assertThat(spread(changeShares(List.of(), sequential))).as("a set's creations, then its changes").isGreaterThan(0.5);
    }

    @Test
    void eachSetKeepsItsOwnOrderAndTheStreamsAreInterleavedRecordByRecord() {
        DataSet data = new DataSet(800, 9, NOW);
        List<DataSet.Rec> load = LatencyLoad.build(data, 10, 40_000).timed();
        // stream 0 starts at the beginning of its first set: its records are every 8th, in the set's order
        List<DataSet.Rec> first = new ArrayList<>();
        data.sized(1.0 / LatencyLoad.SLOTS, 10).generate((t, r) -> first.add(r));
        for (int k = 0; k < 1_000; k++) {
            assertThat(load.get(k * LatencyLoad.SLOTS).value()).isEqualTo(first.get(k).value());
        }
        // tenants of different streams never mix: each tenant's records come from one stream
        Map<String, Integer> streamOf = new HashMap<>();
        for (int i = 0; i < 8_000; i++) {
            String tenant = new String(load.get(i).key(), StandardCharsets.UTF_8);
            Integer before = streamOf.putIfAbsent(tenant, i % LatencyLoad.SLOTS);
            assertThat(before == null || before == i % LatencyLoad.SLOTS).as(tenant).isTrue();
        }
    }
}
