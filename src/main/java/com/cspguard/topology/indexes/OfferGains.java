package com.cspguard.topology.indexes;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The repurchase index of one tenant: per offer, when each of its subscriptions last became
 * counted (a multiset of times). An expired subscription is repurchased when a subscription of the
 * same or an equivalent offer was gained after its term end; that question is asked only when one
 * of its grace timers falls due, so the answer never depends on the order events arrived in.
 */
final class OfferGains {
    private final Map<String, Times> byOffer = new HashMap<>();

    void add(String offerId, long gainedAtMillis) {
        byOffer.computeIfAbsent(offerId, o -> new Times()).add(gainedAtMillis);
    }

    void remove(String offerId, long gainedAtMillis) {
        Times t = byOffer.get(offerId);
        if (t != null && t.remove(gainedAtMillis) && t.size == 0) {
            byOffer.remove(offerId);
        }
    }

    /** The latest gain of a subscription of {@code offerId}, or Long.MIN_VALUE when none. */
    long latest(String offerId) {
        Times t = byOffer.get(offerId);
        return t == null ? Long.MIN_VALUE : t.max();
    }

    Iterable<String> offers() {
        return byOffer.keySet();
    }

    boolean isEmpty() {
        return byOffer.isEmpty();
    }

    /** A comparable picture for tests: offer to its sorted gain times. */
    Map<String, long[]> snapshot() {
        Map<String, long[]> out = new TreeMap<>();
        byOffer.forEach((offer, t) -> {
            long[] v = Arrays.copyOf(t.values, t.size);
            Arrays.sort(v);
            out.put(offer, v);
        });
        return out;
    }

    /**
     * An unordered multiset of longs in one array: a tenant holds a few subscriptions per offer, so a
     * scan is cheaper in time and memory than any tree.
     */
    private static final class Times {
        private long[] values = new long[2];
        private int size;

        void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        boolean remove(long v) {
            for (int i = 0; i < size; i++) {
                if (values[i] == v) {
                    values[i] = values[--size];
                    return true;
                }
            }
            return false;
        }

        long max() {
            long m = Long.MIN_VALUE;
            for (int i = 0; i < size; i++) {
                m = Math.max(m, values[i]);
            }
            return m;
        }
    }
}
