package com.cspguard.topology;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Timers ordered by due time. A punctuation reads only what is due:
 * <ul>
 *   <li>{@code earliestDue} is a lower bound of every stored due time, so a punctuation with
 *   nothing due returns without touching the store;</li>
 *   <li>scans start at a cursor past the timers already fired, because RocksDB iterators must
 *   otherwise step over every deleted key from the start (LittleHorse #1742);</li>
 *   <li>a timer scheduled behind the cursor (already due: an event for a subscription whose term
 *   ended weeks ago) does not move the cursor back. Moving it back made the next scan step over
 *   the deleted keys of every timer fired since that due time: in the benchmark the stream thread
 *   spent seconds in such scans, and the records waiting behind them showed as latency spikes.
 *   Such keys are remembered in memory and read by point look-ups at the next punctuation. The
 *   memory goes with the task; a restarted task's cursor starts at the first stored key, which
 *   covers them.</li>
 * </ul>
 */
public final class TimerStore {
    private static final ValueCodec<TimerEntry> SERDE = BinaryCodecs.TIMER;

    private final KeyValueStore<Bytes, byte[]> store;
    private final WriteCounter writes;
    private long earliestDue = Long.MAX_VALUE;
    private Bytes cursor;
    private long entriesRead;
    /** Keys scheduled behind the cursor since the last punctuation, in the order scheduled. */
    private final Set<Bytes> behindCursor = new LinkedHashSet<>();
    /** Beyond this many keys behind the cursor, one scan from the earliest is cheaper than the look-ups. */
    static final int BEHIND_CURSOR_LIMIT = 100_000;

    public TimerStore(KeyValueStore<Bytes, byte[]> store, WriteCounter writes) {
        this.store = store;
        this.writes = writes;
    }

    /** Finds the first timer after a restart: one entry read. */
    public void init() {
        try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
            if (it.hasNext()) {
                Bytes first = it.next().key;
                entriesRead++;
                cursor = first;
                earliestDue = TimerKey.dueAt(first.get());
            }
        }
    }

    /** Keys remembered behind the cursor; tests use it. */
    int behindCursor() {
        return behindCursor.size();
    }

    public void schedule(byte kind, String owner, TimerEntry entry) {
        Bytes key = Bytes.wrap(TimerKey.encode(entry.dueAtMillis(), kind, owner));
        store.put(key, SERDE.write(entry));
        writes.add();
        if (cursor != null && key.compareTo(cursor) < 0) {
            if (behindCursor.size() < BEHIND_CURSOR_LIMIT) {
                behindCursor.add(key);
                return;
            }
            // Too many to remember: scan from the earliest of them instead, and forget them all,
            // so that no key is both remembered and scanned (it would fire twice).
            for (Bytes remembered : behindCursor) {
                if (remembered.compareTo(key) < 0) {
                    key = remembered;
                }
            }
            behindCursor.clear();
            earliestDue = Long.MIN_VALUE; // unknown: the next punctuation scans
        }
        earliestDue = Math.min(earliestDue, entry.dueAtMillis());
        if (cursor == null || key.compareTo(cursor) < 0) {
            cursor = key;
        }
    }

    public void cancel(long dueAtMillis, byte kind, String owner) {
        // put(null) deletes without reading the old value back, unlike delete().
        store.put(Bytes.wrap(TimerKey.encode(dueAtMillis, kind, owner)), null);
        writes.add();
    }

    /** A due timer with its key, removed from the store by {@link #remove}. */
    public record Due(Bytes key, TimerEntry entry) { }

    /** Up to {@code limit} timers due at or before {@code nowMillis}, in due order. */
    public List<Due> due(long nowMillis, int limit) {
        List<Due> out = new ArrayList<>();
        takeBehindCursor(nowMillis, limit, out);
        if (nowMillis < earliestDue || out.size() >= limit) {
            return out;
        }
        Bytes upper = Bytes.wrap(TimerKey.after(nowMillis));
        Bytes from = cursor == null ? Bytes.wrap(new byte[0]) : cursor;
        Bytes last = null;
        try (KeyValueIterator<Bytes, byte[]> it = store.range(from, upper)) {
            while (it.hasNext() && out.size() < limit) {
                KeyValue<Bytes, byte[]> kv = it.next();
                entriesRead++;
                if (kv.key.compareTo(upper) >= 0) {
                    break; // range() is inclusive of its upper bound
                }
                out.add(new Due(kv.key, SERDE.read(kv.value)));
                last = kv.key;
            }
        }
        if (out.size() < limit) {
            // All due timers are taken: the next one is the first key after now.
            cursor = upper;
            earliestDue = peekDue(upper);
        } else if (last != null) {
            cursor = last; // more may be due: continue from here next time
        }
        return out;
    }

    /** The remembered keys behind the cursor that are due, by point look-ups; cancelled ones are gone. */
    private void takeBehindCursor(long nowMillis, int limit, List<Due> out) {
        Iterator<Bytes> keys = behindCursor.iterator();
        while (keys.hasNext() && out.size() < limit) {
            Bytes key = keys.next();
            if (TimerKey.dueAt(key.get()) > nowMillis) {
                continue; // behind the cursor but not yet due: stays remembered
            }
            keys.remove();
            byte[] value = store.get(key);
            if (value != null) {
                entriesRead++;
                out.add(new Due(key, SERDE.read(value)));
            }
        }
    }

    public void remove(Bytes key) {
        store.put(key, null);
        writes.add();
    }

    private long peekDue(Bytes from) {
        try (KeyValueIterator<Bytes, byte[]> it = store.range(from, null)) {
            if (it.hasNext()) {
                entriesRead++;
                return TimerKey.dueAt(it.next().key.get());
            }
        }
        return Long.MAX_VALUE;
    }

    /** Timer entries read since start; tests use it to show what a punctuation costs. */
    public long entriesRead() {
        return entriesRead;
    }
}
