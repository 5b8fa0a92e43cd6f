package com.cspguard.topology.facts;

/** Counts store reads and writes (each write is a changelog record the broker must take). */
public final class StoreOps {
    private int reads;
    private int writes;

    void read() {
        reads++;
    }

    void write() {
        writes++;
    }

    /** The writes since the last drain, without draining: whether a record has written anything yet. */
    public int writesPending() {
        return writes;
    }

    /** The reads since the last call. */
    public int drainReads() {
        int r = reads;
        reads = 0;
        return r;
    }

    /** The writes since the last call. */
    public int drainWrites() {
        int w = writes;
        writes = 0;
        return w;
    }
}
