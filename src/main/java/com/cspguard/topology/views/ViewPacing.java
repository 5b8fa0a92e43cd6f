package com.cspguard.topology.views;

/**
 * When a task builds its operations view next: every interval ({@code GUARD_OPS_VIEW_INTERVAL}), but
 * never so often that building the views takes more than a {@value #SPACING}th of the stream thread.
 * A view is made from every tenant and open transfer of its task, on the stream thread, between
 * records: on 20,000 tenants in six tasks under a streaming load the views took 18% of that thread
 * at one every 2 s, and the records waited behind them (docs/benchmarks.md, latency). The tasks of an
 * instance share its stream threads, so the spacing counts them all ({@code tasks}, as if on one
 * thread: with more threads the views come less often than they could): with six tasks a view that
 * took 50 ms is built again 6 s later; a small task's, in a millisecond, every interval as before.
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

    /** A view was built at {@code now}, in {@code tookNanos}, by one of {@code tasks} tasks of the instance. */
    public void built(long now, long tookNanos, int tasks) {
        lastAt = now;
        nextAt = now + Math.max(intervalMillis, tookNanos / 1_000_000 * SPACING * Math.max(1, tasks)) - tolerance();
    }

    /** The spacing in force: what the last build asked for, or the interval before the first. */
    public long spacingMillis() {
        return lastAt == Long.MIN_VALUE ? intervalMillis : nextAt + tolerance() - lastAt;
    }

    /**
     * Wall-clock punctuations keep to a grid of the interval, and one may run late: the next then runs
     * less than an interval after it. Half an interval of slack lets a view due at the next punctuation
     * have it however late the last one ran (up to half an interval), and rounds a longer spacing to
     * the punctuation nearest to it.
     */
    private long tolerance() {
        return intervalMillis / 2;
    }
}
