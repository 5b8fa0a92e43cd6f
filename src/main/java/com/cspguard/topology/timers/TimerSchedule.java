package com.cspguard.topology.timers;

import java.util.Arrays;

/**
 * The timer schedule of one task, in memory and never written to Kafka: a binary heap ordered by
 * due time (then kind and owner, so equal due times fire in a stable order). It is derived from the
 * facts (each subscription's fact names its chain's next timer, each open transfer its expiry) and
 * rebuilt from them whenever the task starts.
 *
 * <p>Moving or cancelling a timer does not search the heap: the caller {@link #retire()}s it and the
 * entry stays until it falls due, when the firer finds it no longer matches its fact and drops it.
 * When such stale entries outnumber the current ones, {@link #needsCompaction()} asks for a rebuild,
 * so memory stays within twice the current timers.
 *
 * <p>Parallel arrays instead of an object per timer: ten million timers cost about 17 bytes each
 * plus the owner id.
 */
public final class TimerSchedule {
    /** Kind of the timer that closes an open transfer request at its maximum age. */
    public static final byte TRANSFER_EXPIRY = 9;
    private static final int MIN_STALE_FOR_COMPACTION = 65_536;

    private long[] due = new long[64];
    private byte[] kind = new byte[64];
    private String[] tenant = new String[64];
    private String[] owner = new String[64];
    private int size;
    private long live;

    /** One due timer taken from the schedule. */
    public record Due(long dueAtMillis, byte kind, String tenantId, String ownerId) { }

    public void add(long dueAtMillis, byte timerKind, String tenantId, String ownerId) {
        if (size == due.length) {
            int n = size * 2;
            due = Arrays.copyOf(due, n);
            kind = Arrays.copyOf(kind, n);
            tenant = Arrays.copyOf(tenant, n);
            owner = Arrays.copyOf(owner, n);
        }
        int i = size++;
        set(i, dueAtMillis, timerKind, tenantId, ownerId);
        siftUp(i);
        live++;
    }

    /** A scheduled timer stopped being current (fired, moved or cancelled); its entry may linger. */
    public void retire() {
        live--;
    }

    /** Due time of the earliest entry, Long.MAX_VALUE when empty: a punctuation with nothing due costs this. */
    public long earliestDue() {
        return size == 0 ? Long.MAX_VALUE : due[0];
    }

    /** Takes the earliest entry if it is due at {@code nowMillis}, else null. */
    public Due pollDue(long nowMillis) {
        if (size == 0 || due[0] > nowMillis) {
            return null;
        }
        Due top = new Due(due[0], kind[0], tenant[0], owner[0]);
        int last = --size;
        if (last > 0) {
            set(0, due[last], kind[last], tenant[last], owner[last]);
        }
        tenant[last] = null;
        owner[last] = null;
        if (last > 0) {
            siftDown(0);
        }
        return top;
    }

    public int size() {
        return size;
    }

    /** Timers the facts say are pending. */
    public long live() {
        return live;
    }

    public boolean needsCompaction() {
        long stale = size - live;
        return stale > Math.max(live, MIN_STALE_FOR_COMPACTION);
    }

    public void clear() {
        Arrays.fill(tenant, 0, size, null);
        Arrays.fill(owner, 0, size, null);
        size = 0;
        live = 0;
    }

    private void set(int i, long d, byte k, String t, String o) {
        due[i] = d;
        kind[i] = k;
        tenant[i] = t;
        owner[i] = o;
    }

    private boolean less(int a, int b) {
        if (due[a] != due[b]) {
            return due[a] < due[b];
        }
        if (kind[a] != kind[b]) {
            return kind[a] < kind[b];
        }
        int c = tenant[a].compareTo(tenant[b]);
        return c != 0 ? c < 0 : owner[a].compareTo(owner[b]) < 0;
    }

    private void swap(int a, int b) {
        long d = due[a];
        byte k = kind[a];
        String t = tenant[a];
        String o = owner[a];
        set(a, due[b], kind[b], tenant[b], owner[b]);
        set(b, d, k, t, o);
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!less(i, parent)) {
                return;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int i) {
        while (true) {
            int left = 2 * i + 1;
            if (left >= size) {
                return;
            }
            int smallest = left + 1 < size && less(left + 1, left) ? left + 1 : left;
            if (!less(smallest, i)) {
                return;
            }
            swap(i, smallest);
            i = smallest;
        }
    }
}
