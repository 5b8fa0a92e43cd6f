package com.cspguard.bench;

import java.util.function.BiConsumer;

/** A seeded data set the benchmark loads: {@link DataSet} (the bench's own) or {@link ChurnData}. */
interface BenchData {
    /**
     * The one data set a tool of one data set runs on: the churn set with {@code -Dbench.datasets=churn},
     * else the bench's own ({@code -Dbench.tenants}, default 20,000 tenants).
     */
    static BenchData fromProperties(long seed, java.time.Instant now) {
        return "churn".equals(System.getProperty("bench.datasets", "bench"))
                ? ChurnData.fromProperties(seed, now)
                : new DataSet(Integer.getInteger("bench.tenants", 20_000), seed, now);
    }

    /** Short name: the column of the results table and the folder of the run's files. */
    String name();

    /** One line for the results: its size and seed. */
    String describe();

    /**
     * Streams every record, in order, to {@code sink(topic, record)}; returns subscription events and
     * transfer requests sent.
     */
    long[] generate(BiConsumer<String, DataSet.Rec> sink);

    /** Distinct subscriptions the records create. */
    long subscriptions();

    /** The same shape drawn with another seed. */
    BenchData withSeed(long seed);

    /** The same shape, {@code share} of the size (tenants and records), drawn with another seed: {@link LatencyLoad}'s parts. */
    BenchData sized(double share, long seed);

    /**
     * The same shape, {@link #WARM_UP_SHARE} of the size, with another seed: what each application runs
     * once before it is measured.
     */
    BenchData warmUp();

    /**
     * Share of a data set's size its warm-up has: -Dbench.warmup.share, default the whole size. After a
     * quarter the service still compiled for 6.5-7.8 s of its measured run (C2 had compiled many of its
     * methods only at the lower tiers while its queue was long), after a whole-size one for 2.3 s.
     */
    double WARM_UP_SHARE = Double.parseDouble(System.getProperty("bench.warmup.share", "1"));

    /** The seed of a warm-up: another than the data set's, the latency load's and their further seeds. */
    static long warmUpSeed(long seed) {
        return seed + 1_000_003L;
    }

    /** Records before this index are creations (the CPU benchmark times flips after them). */
    default long creations() {
        return subscriptions();
    }

    /** The profile of a tenant: flipping tenants are told apart only in the bench's own data set. */
    default DataSet.Profile profileOf(String tenantId) {
        return DataSet.Profile.ORDINARY;
    }
}
