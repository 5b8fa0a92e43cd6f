package com.cspguard.bench;

import java.util.function.BiConsumer;

/** A seeded data set the benchmark loads: {@link DataSet} (the bench's own) or {@link ChurnData}. */
interface BenchData {
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

    /** The same shape drawn with another seed: the latency run's load. */
    BenchData withSeed(long seed);

    /** Records before this index are creations (the CPU benchmark times flips after them). */
    default long creations() {
        return subscriptions();
    }

    /** The profile of a tenant: flipping tenants are told apart only in the bench's own data set. */
    default DataSet.Profile profileOf(String tenantId) {
        return DataSet.Profile.ORDINARY;
    }
}
