package com.cspguard.topology;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Event ids seen within the de-duplication window, kept in {@code guard-state} under
 * {@code E|bucket|eventId}, the bucket being the time seen divided by the window. A check is two
 * point look-ups (this bucket and the one before), which RocksDB's bloom filters answer cheaply,
 * where a window store needed an iterator per event. The punctuation deletes whole buckets once
 * they are older than the window, in bounded batches, so an id is kept between one and two windows.
 */
public final class SeenEventIds {
    private final KeyValueStore<String, byte[]> state;
    private final WriteCounter writes;
    private final long windowMillis;
    /** Buckets below this one are known to be gone; -1 until the first purge looked. */
    private long purgedBelow = -1;

    public SeenEventIds(KeyValueStore<String, byte[]> state, WriteCounter writes, Duration window) {
        this.state = state;
        this.writes = writes;
        this.windowMillis = Math.max(1, window.toMillis());
    }

    static String key(long bucket, String eventId) {
        return bucketPrefix(bucket) + eventId;
    }

    /** Fixed width, so that key order is bucket order. */
    static String bucketPrefix(long bucket) {
        String digits = Long.toString(Math.max(0, bucket));
        return "E|" + "0000000000000".substring(Math.min(13, digits.length())) + digits + '|';
    }

    public boolean seenWithin(String eventId, long nowMillis) {
        long bucket = nowMillis / windowMillis;
        return within(state.get(key(bucket, eventId)), nowMillis) || within(state.get(key(bucket - 1, eventId)), nowMillis);
    }

    private boolean within(byte[] seenAt, long nowMillis) {
        return seenAt != null && nowMillis - ByteBuffer.wrap(seenAt).getLong() <= windowMillis;
    }

    public void markSeen(String eventId, long nowMillis) {
        state.put(key(nowMillis / windowMillis, eventId), ByteBuffer.allocate(8).putLong(nowMillis).array());
        writes.add();
    }

    /** Deletes up to {@code limit} ids of buckets older than the window; returns how many. */
    public int purge(long nowMillis, int limit) {
        long keepFrom = nowMillis / windowMillis - 1;
        if (purgedBelow >= keepFrom) {
            return 0; // nothing older left: no read at all
        }
        List<String> old = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = state.range("E|", bucketPrefix(keepFrom))) {
            while (it.hasNext() && old.size() < limit) {
                KeyValue<String, byte[]> kv = it.next();
                old.add(kv.key);
            }
        }
        for (String key : old) {
            state.put(key, null);
            writes.add();
        }
        if (old.size() < limit) {
            purgedBelow = keepFrom;
        }
        return old.size();
    }
}
