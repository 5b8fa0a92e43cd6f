package com.cspguard.topology;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.ArrayList;
import java.util.List;

/**
 * Timers ordered by due time. A punctuation reads only what is due:
 * <ul>
 *   <li>{@code earliestDue} is a lower bound of every stored due time, so a punctuation with
 *   nothing due returns without touching the store;</li>
 *   <li>scans start at a cursor past the timers already fired, because RocksDB iterators must
 *   otherwise step over every deleted key from the start (LittleHorse #1742).</li>
 * </ul>
 */
public final class TimerStore {
    private static final ValueCodec<TimerEntry> SERDE = BinaryCodecs.TIMER;

    private final KeyValueStore<Bytes, byte[]> store;
    private final WriteCounter writes;
    private long earliestDue = Long.MAX_VALUE;
    private Bytes cursor;
    private long entriesRead;

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

    public void schedule(byte kind, String owner, TimerEntry entry) {
        Bytes key = Bytes.wrap(TimerKey.encode(entry.dueAtMillis(), kind, owner));
        store.put(key, SERDE.write(entry));
        writes.add();
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
        if (nowMillis < earliestDue) {
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
