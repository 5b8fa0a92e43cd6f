package com.cspguard.topology.indexes;

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
 * <p>Parallel arrays instead of an object per timer, the tenant id shared with its index and a GUID
 * owner kept as two longs ({@link OwnerIds}): about 33 bytes per timer.
 */
public final class TimerSchedule {
    /** Kind of the timer that closes an open transfer request at its maximum age. */
    public static final byte TRANSFER_EXPIRY = 9;
    private static final int MIN_STALE_FOR_COMPACTION = 65_536;

    private long[] due = new long[64];
    private byte[] kind = new byte[64];
    private String[] tenant = new String[64];
    /** The owner when it is no packable GUID, else null and the GUID is in ownerHigh/ownerLow. */
    private String[] owner = new String[64];
    private long[] ownerHigh = new long[64];
    private long[] ownerLow = new long[64];
    private final long[] guid = new long[2];
    private boolean filling;
    private int size;
    private long live;

    /** One due timer taken from the schedule. */
    public record Due(long dueAtMillis, byte kind, String tenantId, String ownerId) { }

    public void add(long dueAtMillis, byte timerKind, String tenantId, String ownerId) {
        if (size == due.length) {
            resize(size + (size >> 1));
        }
        int i = size++;
        due[i] = dueAtMillis;
        kind[i] = timerKind;
        tenant[i] = tenantId;
        if (OwnerIds.parse(ownerId, guid)) {
            owner[i] = null;
            ownerHigh[i] = guid[0];
            ownerLow[i] = guid[1];
        } else {
            owner[i] = ownerId;
            ownerHigh[i] = 0;
            ownerLow[i] = 0;
        }
        if (!filling) {
            siftUp(i);
        }
        live++;
    }

    /**
     * From here until {@link #filled()}, adds only append: a rebuild adds every timer of a task and
     * orders them once at the end, in linear time, instead of sifting each one up.
     */
    public void filling() {
        filling = true;
    }

    /** Orders what was added since {@link #filling()} into a heap. */
    public void filled() {
        filling = false;
        for (int i = (size >>> 1) - 1; i >= 0; i--) {
            siftDown(i);
        }
    }

    private void resize(int capacity) {
        due = Arrays.copyOf(due, capacity);
        kind = Arrays.copyOf(kind, capacity);
        tenant = Arrays.copyOf(tenant, capacity);
        owner = Arrays.copyOf(owner, capacity);
        ownerHigh = Arrays.copyOf(ownerHigh, capacity);
        ownerLow = Arrays.copyOf(ownerLow, capacity);
    }

    /** Gives back what growing left unused beyond an eighth, after a rebuild filled the schedule. */
    public void trim() {
        int capacity = Math.max(64, size + (size >> 3));
        if (capacity < due.length) {
            resize(capacity);
        }
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
        Due top = new Due(due[0], kind[0], tenant[0], owner[0] != null ? owner[0] : OwnerIds.text(ownerHigh[0], ownerLow[0]));
        int last = --size;
        if (last > 0) {
            copy(last, 0);
        }
        tenant[last] = null;
        owner[last] = null;
        if (last > 0) {
            siftDown(0);
        }
        return top;
    }

    /**
     * Every entry due at or before {@code untilMillis}, in no particular order, stale ones included
     * (the caller reads each one's fact, which says what is current). A pass over the due times, without changing the heap.
     */
    public void forEachDueBy(long untilMillis, java.util.function.Consumer<Due> action) {
        for (int i = 0; i < size; i++) {
            if (due[i] <= untilMillis) {
                action.accept(new Due(due[i], kind[i], tenant[i], owner[i] != null ? owner[i] : OwnerIds.text(ownerHigh[i], ownerLow[i])));
            }
        }
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

    private void copy(int from, int to) {
        due[to] = due[from];
        kind[to] = kind[from];
        tenant[to] = tenant[from];
        owner[to] = owner[from];
        ownerHigh[to] = ownerHigh[from];
        ownerLow[to] = ownerLow[from];
    }

    /**
     * Orders entries {@code a} and {@code b}: due time, kind, tenant, then owner (GUIDs by their
     * bits before other ids by their text); any fixed total order makes equal due times fire stably.
     */
    private int compare(int a, int b) {
        if (due[a] != due[b]) {
            return due[a] < due[b] ? -1 : 1;
        }
        if (kind[a] != kind[b]) {
            return kind[a] < kind[b] ? -1 : 1;
        }
        int c = tenant[a].compareTo(tenant[b]);
        if (c != 0) {
            return c;
        }
        if (owner[a] == null || owner[b] == null) {
            if (owner[a] != null || owner[b] != null) {
                return owner[a] == null ? -1 : 1;
            }
            c = Long.compare(ownerHigh[a], ownerHigh[b]);
            return c != 0 ? c : Long.compare(ownerLow[a], ownerLow[b]);
        }
        return owner[a].compareTo(owner[b]);
    }

    /** Moves the entry at {@code i} up to its place. */
    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (compare(parent, i) <= 0) {
                return;
            }
            swap(i, parent);
            i = parent;
        }
    }

    /** Moves the entry at {@code i} down to its place. */
    private void siftDown(int i) {
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < size && compare(right, child) < 0) {
                child = right;
            }
            if (compare(child, i) >= 0) {
                return;
            }
            swap(i, child);
            i = child;
        }
    }

    private void swap(int a, int b) {
        long d = due[a];
        byte k = kind[a];
        String t = tenant[a];
        String o = owner[a];
        long h = ownerHigh[a];
        long l = ownerLow[a];
        copy(b, a);
        due[b] = d;
        kind[b] = k;
        tenant[b] = t;
        owner[b] = o;
        ownerHigh[b] = h;
        ownerLow[b] = l;
    }
}
