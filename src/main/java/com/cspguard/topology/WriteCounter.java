package com.cspguard.topology;

/** Counts store writes: each one is a changelog record the broker must take. */
public final class WriteCounter {
    private int count;

    public void add() {
        count++;
    }

    /** The writes since the last {@link #drain}, without resetting: did the record being processed write anything? */
    public int pending() {
        return count;
    }

    /** The writes since the last call. */
    public int drain() {
        int c = count;
        count = 0;
        return c;
    }
}
