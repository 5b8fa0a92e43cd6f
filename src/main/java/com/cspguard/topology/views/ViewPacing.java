package com.cspguard.topology.views;

/**
 * When a task builds its operations view next: every interval ({@code GUARD_OPS_VIEW_INTERVAL}), but
 * never so often that building it takes more than a {@value #SPACING}th of the stream thread. The
 * view is made from every tenant and open transfer of the task, on the stream thread, between
 * records: on a task of 20,000 tenants under a streaming load it took 18% of that thread at one view
 * every 2 s, and the records waited behind it (docs/benchmarks.md, latency). A view that took 300 ms
 * is built again 6 s later; a small task's, in a millisecond, every interval as before.
 */
public final class ViewPacing {
    /** The next view waits at least this many times as long as the last one took. */
    static final int SPACING = 20;

    private final long intervalMillis;
    private long lastAt = Long.MIN_VALUE;
    private long nextAt = Long.MIN_VALUE;

    public ViewPacing(long intervalMillis) {
        this.intervalMillis = intervalMillis;
    }

    /** Whether a view is due at {@code now}: the first, one a spacing after the last, or the clock went back. */
    public boolean due(long now) {
        return now >= nextAt || now < lastAt;
    }

    /** A view was built at {@code now}, in {@code tookNanos}. */
    public void built(long now, long tookNanos) {
        lastAt = now;
        nextAt = now + Math.max(intervalMillis, tookNanos / 1_000_000 * SPACING) - tolerance();
    }

    /** The spacing in force: what the last build asked for, or the interval before the first. */
    public long spacingMillis() {
        return lastAt == Long.MIN_VALUE ? intervalMillis : nextAt + tolerance() - lastAt;
    }

    /**
     * A wall-clock punctuation fires at the interval or a little later, never earlier; without a
     * little slack a view due exactly at the next punctuation would wait for the one after it.
     */
    private long tolerance() {
        return intervalMillis / 10;
    }
}
