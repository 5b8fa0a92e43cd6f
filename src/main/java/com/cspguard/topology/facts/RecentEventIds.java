package com.cspguard.topology.facts;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The ids of the events applied to one subscription before the held snapshot's own event (whose id
 * the snapshot keeps as text), kept inside its store value so that
 * spotting a repeat costs no store access of its own. A repeat of an event is a redelivery of that
 * subscription's snapshot: either it is older than the held snapshot (and ignored as stale anyway)
 * or it is one of the last few applied. A store of every id seen would cost look-ups and a
 * changelog record of its own per event.
 *
 * <p>Ids are kept as 64-bit hashes, newest first, at most {@value #KEPT}; with the held event's own
 * id a repeat of any of the last four events applied is recognised.
 */
public final class RecentEventIds {
    public static final int KEPT = 3;
    public static final RecentEventIds NONE = new RecentEventIds(new long[0]);

    private final long[] hashes;

    private RecentEventIds(long[] hashes) {
        this.hashes = hashes;
    }

    public static RecentEventIds of(long[] hashes) {
        return hashes.length == 0 ? NONE : new RecentEventIds(hashes.clone());
    }

    public boolean contains(String eventId) {
        long h = hash(eventId);
        for (long x : hashes) {
            if (x == h) {
                return true;
            }
        }
        return false;
    }

    /** These ids with {@code eventId} as the newest, the oldest dropped beyond {@value #KEPT}. */
    public RecentEventIds with(String eventId) {
        if (eventId == null) {
            return this;
        }
        int n = Math.min(KEPT, hashes.length + 1);
        long[] next = new long[n];
        next[0] = hash(eventId);
        System.arraycopy(hashes, 0, next, 1, n - 1);
        return new RecentEventIds(next);
    }

    public long[] hashes() {
        return hashes.clone();
    }

    public int size() {
        return hashes.length;
    }

    /** FNV-1a over the UTF-8 bytes, then a 64-bit finaliser so that similar ids spread. */
    static long hash(String id) {
        long h = 0xcbf29ce484222325L;
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return KeyFilter.mix(h);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecentEventIds r && Arrays.equals(hashes, r.hashes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(hashes);
    }

    @Override
    public String toString() {
        return "RecentEventIds" + Arrays.toString(hashes);
    }
}
