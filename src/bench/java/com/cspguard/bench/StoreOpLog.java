package com.cspguard.bench;

import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.ArrayList;
import java.util.List;

/**
 * The store operations the processor makes, recorded so they can be replayed alone on RocksDB.
 * The replay is the floor under the CPU benchmark: what the same events cost in the state stores
 * with none of the guard's own code (parsing, rules, codecs, outputs) around them.
 */
final class StoreOpLog {
    private enum Kind { GET, PUT, DELETE, RANGE, PREFIX_SCAN, ALL }

    private record Op(int store, Kind kind, Object key, Object to, byte[] value, Serializer<?> prefixSerializer) { }

    private final List<Op> ops = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    /** Operations before this index were the warm-up: replayed, not timed. */
    private int timedFrom;

    /** Marks where the timed part begins: the operations logged from now on. */
    void startTiming() {
        timedFrom = ops.size();
    }

    /** Operations logged so far; {@link #tally} counts those after such a mark. */
    int size() {
        return ops.size();
    }

    /** Adds the operations logged since {@code from} to {@code byKind}, one slot per kind (see {@link #describe}). */
    void tally(int from, long[] byKind) {
        for (int i = from; i < ops.size(); i++) {
            byKind[ops.get(i).kind().ordinal()]++;
        }
    }

    /** A tally of {@link #tally} per event: "get 1.00, put 1.00", kinds that never occurred left out. */
    static String describe(long[] byKind, long events) {
        StringBuilder text = new StringBuilder();
        for (Kind kind : Kind.values()) {
            if (byKind[kind.ordinal()] > 0) {
                text.append(text.isEmpty() ? "" : ", ").append(kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '))
                        .append(String.format(" %.2f", byKind[kind.ordinal()] / (double) events));
            }
        }
        return text.toString();
    }

    /** Slots a tally needs. */
    static long[] newTally() {
        return new long[Kind.values().length];
    }

    /** Operations logged since {@link #startTiming}. */
    int timedOperations() {
        return ops.size() - timedFrom;
    }

    /** Wraps {@code store} so every operation on it is appended to this log. */
    @SuppressWarnings("unchecked")
    <K> KeyValueStore<K, byte[]> recording(KeyValueStore<K, byte[]> store) {
        names.add(store.name());
        return (KeyValueStore<K, byte[]>) new Recording<>(names.size() - 1, (KeyValueStore<Object, byte[]>) store);
    }

    /**
     * Runs every recorded operation against {@code stores} (by the recorded stores' names); returns
     * the seconds the timed ones took.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    double replay(List<KeyValueStore<Object, byte[]>> stores) {
        KeyValueStore<Object, byte[]>[] byIndex = new KeyValueStore[names.size()];
        for (KeyValueStore<Object, byte[]> s : stores) {
            byIndex[names.indexOf(s.name())] = s;
        }
        long sink = 0;
        long t0 = 0;
        for (int i = 0; i < ops.size(); i++) {
            if (i == timedFrom) {
                t0 = System.nanoTime();
            }
            Op op = ops.get(i);
            KeyValueStore<Object, byte[]> s = byIndex[op.store()];
            switch (op.kind()) {
                case GET -> {
                    byte[] v = s.get(op.key());
                    sink += v == null ? 0 : v.length;
                }
                case PUT -> s.put(op.key(), op.value());
                case DELETE -> s.delete(op.key());
                case RANGE -> sink += drain(s.range(op.key(), op.to()));
                case PREFIX_SCAN -> sink += drain(s.prefixScan(op.key(), (Serializer) op.prefixSerializer()));
                case ALL -> sink += drain(s.all());
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (sink == 42) {
            System.out.print(""); // keeps the reads from being optimised away
        }
        return seconds;
    }

    private static long drain(KeyValueIterator<?, byte[]> it) {
        long n = 0;
        try (it) {
            while (it.hasNext()) {
                n += it.next().value.length;
            }
        }
        return n;
    }

    private final class Recording<K> implements KeyValueStore<K, byte[]> {
        private final int index;
        private final KeyValueStore<K, byte[]> inner;

        Recording(int index, KeyValueStore<K, byte[]> inner) {
            this.index = index;
            this.inner = inner;
        }

        private void log(Kind kind, Object key, Object to, byte[] value, Serializer<?> prefix) {
            ops.add(new Op(index, kind, key, to, value, prefix));
        }

        @Override public void put(K key, byte[] value) { log(Kind.PUT, key, null, value, null); inner.put(key, value); }
        @Override public byte[] putIfAbsent(K key, byte[] value) { throw new UnsupportedOperationException("not used by the processor"); }
        @Override public void putAll(List<KeyValue<K, byte[]>> entries) { entries.forEach(e -> put(e.key, e.value)); }
        @Override public byte[] delete(K key) { log(Kind.DELETE, key, null, null, null); return inner.delete(key); }
        @Override public byte[] get(K key) { log(Kind.GET, key, null, null, null); return inner.get(key); }
        @Override public KeyValueIterator<K, byte[]> range(K from, K to) { log(Kind.RANGE, from, to, null, null); return inner.range(from, to); }
        @Override public KeyValueIterator<K, byte[]> all() { log(Kind.ALL, null, null, null, null); return inner.all(); }
        @Override public <PS extends Serializer<P>, P> KeyValueIterator<K, byte[]> prefixScan(P prefix, PS serializer) {
            log(Kind.PREFIX_SCAN, prefix, null, null, serializer);
            return inner.prefixScan(prefix, serializer);
        }
        @Override public long approximateNumEntries() { return inner.approximateNumEntries(); }
        @Override public String name() { return inner.name(); }
        @Override public void init(StateStoreContext context, StateStore root) { inner.init(context, root); }
        @Override public void flush() { inner.flush(); }
        @Override public void close() { inner.close(); }
        @Override public boolean persistent() { return inner.persistent(); }
        @Override public boolean isOpen() { return inner.isOpen(); }
    }
}
