package com.cspguard.topology.config;

/** What the topology counts; the runtime binds it to Micrometer, tests may count in memory. */
public interface GuardMetrics {

    /** A bad record went to the dead-letter topic. */
    void deadLettered(String sourceTopic);

    /** An event was ignored: a repeated event id or a snapshot older than the held one. */
    void ignored(String why);

    /** The facts took {@code reads} reads and {@code writes} writes (changelog records) for one input record or punctuation. */
    void storeOperations(int reads, int writes);

    void timerFired(String timerType);

    /** One punctuation took {@code entries} entries from the timer schedule (fired or stale). */
    void timersTaken(int entries);

    void decisionEmitted(String decision);

    /** A task rebuilt its in-memory indexes from {@code subscriptions} subscription facts in {@code nanos}. */
    void indexesRebuilt(long subscriptions, long nanos);

    GuardMetrics NONE = new GuardMetrics() {
        @Override public void deadLettered(String sourceTopic) { }
        @Override public void ignored(String why) { }
        @Override public void storeOperations(int reads, int writes) { }
        @Override public void timerFired(String timerType) { }
        @Override public void timersTaken(int entries) { }
        @Override public void decisionEmitted(String decision) { }
        @Override public void indexesRebuilt(long subscriptions, long nanos) { }
    };
}
