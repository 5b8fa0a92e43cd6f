package com.cspguard.bench;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * The churn data set of issue 21: every event changes what the guard keeps. {@code events} snapshots
 * over {@code tenants} tenants whose sizes are drawn as in {@link DataSet} (1-400 subscriptions, most
 * small); each event is a random subscription of all of them (so a tenant is drawn in proportion to
 * its size) with a random status among active (6 in 10), suspended, expired, pending and deleted, a
 * random offer among 10, a random end date from 60 days ago to a year ahead, random autorenew and
 * quantity. A subscription's first event creates it; no transfer requests. Scaled with
 * {@code -Dbench.churn.events} and {@code -Dbench.churn.tenants}.
 */
final class ChurnData implements BenchData {
    static final String[] STATUSES = {"suspended", "expired", "pending", "deleted"};

    private final int tenants;
    private final long events;
    private final long seed;
    private final Instant now;
    /** Distinct subscriptions the last {@link #generate} touched; -1 before the first. */
    private long distinct = -1;

    ChurnData(int tenants, long events, long seed, Instant now) {
        this.tenants = tenants;
        this.events = events;
        this.seed = seed;
        this.now = now;
    }

    static ChurnData fromProperties(long seed, Instant now) {
        return new ChurnData(Integer.getInteger("bench.churn.tenants", 20_000),
                Long.getLong("bench.churn.events", 1_000_000L), seed, now);
    }

    @Override
    public String name() {
        return "churn";
    }

    @Override
    public String describe() {
        return String.format("churn: %,d events over %,d tenants of 1-400 subscriptions, seed %d", events, tenants, seed);
    }

    @Override
    public BenchData withSeed(long otherSeed) {
        return new ChurnData(tenants, events, otherSeed, now);
    }

    @Override
    public BenchData sized(double share, long otherSeed) {
        return new ChurnData(Math.max(1, (int) (tenants * share)), Math.max(1L, (long) (events * share)), otherSeed, now);
    }

    @Override
    public BenchData warmUp() {
        return new ChurnData(Math.max(1, (int) (tenants * WARM_UP_SHARE)), Math.max(1L, (long) (events * WARM_UP_SHARE)),
                BenchData.warmUpSeed(seed), now);
    }

    @Override
    public long[] generate(BiConsumer<String, DataSet.Rec> sink) {
        Random r = new Random(seed);
        int[] sizes = new int[tenants];
        long[] firstOf = new long[tenants + 1]; // subscription numbers: tenant t holds firstOf[t] .. firstOf[t+1]-1
        for (int t = 0; t < tenants; t++) {
            sizes[t] = DataSet.tenantSize(r);
            firstOf[t + 1] = firstOf[t] + sizes[t];
        }
        String[] tenantIds = new String[tenants];
        for (int t = 0; t < tenants; t++) {
            tenantIds[t] = new UUID(seed, t).toString();
        }
        long all = firstOf[tenants];
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        long clock = now.toEpochMilli() - 3_600_000L;
        java.util.BitSet seen = new java.util.BitSet((int) all);
        for (long e = 0; e < events; e++) {
            long n = (long) (r.nextDouble() * all);
            seen.set((int) n);
            int t = tenantOf(firstOf, n);
            int sub = (int) (n - firstOf[t]);
            String status = r.nextInt(10) < 6 ? "active" : STATUSES[r.nextInt(STATUSES.length)];
            String offer = "CFQ7TTC0LH1" + r.nextInt(10) + ":0001";
            LocalDate end = today.plusDays(-60 + r.nextInt(426));
            sink.accept("subscription-events", DataSet.event(r, tenantIds[t], sub, offer, status, r.nextBoolean(),
                    1 + r.nextInt(50), clock++, end));
        }
        distinct = seen.cardinality();
        return new long[]{events, 0};
    }

    @Override
    public long subscriptions() {
        if (distinct < 0) {
            generate((topic, rec) -> { });
        }
        return distinct;
    }

    /** The tenant holding subscription number {@code n}: a binary search over the first numbers. */
    private static int tenantOf(long[] firstOf, long n) {
        int lo = 0;
        int hi = firstOf.length - 2;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (firstOf[mid] <= n) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }
}
