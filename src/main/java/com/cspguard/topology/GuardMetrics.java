package com.cspguard.topology;

/** What the topology counts; the runtime binds it to Micrometer, tests may count in memory. */
public interface GuardMetrics {

    /** A bad record went to the dead-letter topic. */
    void deadLettered(String sourceTopic);

    /** An event was ignored: a repeated event id or a snapshot older than the held one. */
    void ignored(String why);

    /** The stores took {@code writes} writes (puts and deletes) for one input record or punctuation. */
    void storeWrites(int writes);

    void timerFired(String timerType);

    /** One punctuation read {@code entries} entries of the timer store. */
    void timerEntriesRead(long entries);

    void decisionEmitted(String decision);

    GuardMetrics NONE = new GuardMetrics() {
        @Override public void deadLettered(String sourceTopic) { }
        @Override public void ignored(String why) { }
        @Override public void storeWrites(int writes) { }
        @Override public void timerFired(String timerType) { }
        @Override public void timerEntriesRead(long entries) { }
        @Override public void decisionEmitted(String decision) { }
    };
}
