package com.cspguard.topology.facts;

import java.util.ArrayList;
import java.util.List;

/**
 * Which subscription facts the task's store may hold: a Bloom filter of their keys, in memory and
 * derived from the facts like the indexes. A get of a key the store does not hold is not cheap:
 * RocksDB's Java binding answers "not found" by throwing and catching a C++ exception inside its
 * native call (unwinding took a fifth of the get's time in the CPU profile), and on a backfill most
 * events create their subscription. A key the filter has never seen is certainly absent, so the
 * store is not asked; a key it may have seen (about one new key in a hundred, by chance) is looked
 * up as before.
 * <p>
 * Complete only after a full scan of the subscription facts ({@link FactStore#forEachSubscription},
 * which the index rebuild in {@code init()} makes); until then every key "may be held". Every put
 * adds its key. A key is never removed: a fact deleted or rolled back makes a false "may be held",
 * never a false "absent". The filter grows by adding a filter twice as large when the last is full,
 * so a lookup stays a few hash probes however many subscriptions the task gains.
 */
final class SubscriptionPresence {
    /**
     * The least capacity of the first filter, in keys. Each key takes 1.5-3 bytes (KeyFilter's 12 bits,
     * its blocks rounded up to a power of two), for under 1% false positives.
     */
    static final int MIN_CAPACITY = 1 << 16;

    private final List<KeyFilter> filters = new ArrayList<>();
    private int capacity;
    private long added;
    private boolean complete;

    /** Not complete: every key may be held. */
    SubscriptionPresence() {
    }

    /** A filter to fill from a full scan of about {@code expectedKeys} keys. */
    static SubscriptionPresence forScan(long expectedKeys) {
        SubscriptionPresence p = new SubscriptionPresence();
        // a quarter more for the keys to come; KeyFilter rounds its blocks up to a power of two besides
        p.grow((int) Math.min(Integer.MAX_VALUE / 2, Math.max(MIN_CAPACITY, expectedKeys + expectedKeys / 4)));
        return p;
    }

    /** Every key of the store has been added: from now on a key never added is absent. */
    void completed() {
        complete = true;
    }

    boolean complete() {
        return complete;
    }

    void add(String key) {
        if (filters.isEmpty()) {
            return; // not filled from a scan: nothing to keep
        }
        if (added >= capacity) {
            grow((int) Math.min(Integer.MAX_VALUE / 2, 2L * capacity));
        }
        filters.get(filters.size() - 1).put(key);
        added++;
    }

    /** False only when the store certainly does not hold {@code key}. */
    boolean mayHold(String key) {
        if (!complete) {
            return true;
        }
        for (int i = filters.size() - 1; i >= 0; i--) {
            if (filters.get(i).mightContain(key)) {
                return true;
            }
        }
        return false;
    }

    private void grow(int newCapacity) {
        filters.add(new KeyFilter(newCapacity));
        capacity = newCapacity;
        added = 0;
    }
}
