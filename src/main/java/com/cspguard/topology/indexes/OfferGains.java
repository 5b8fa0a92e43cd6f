package com.cspguard.topology.indexes;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * The repurchase index of one tenant: for each of its subscriptions that ever counted, its offer and
 * when it was bought ({@code SubscriptionFact.purchasedAt}: its start, else when it was first seen
 * counted), a multiset of pairs. An expired subscription is repurchased when a subscription of the
 * same or an equivalent offer was bought after its term end; that question is asked only when one
 * of its grace timers falls due (or a view is built), so the answer never depends on the order
 * events arrived in.
 *
 * <p>One long per pair (the offer's number in the task's {@link OfferIds} in the top 16 bits, the
 * purchase time in epoch milliseconds below), unordered in one array: 8 bytes per subscription. Adding
 * appends; removing (only when a subscription becomes counted again or changes offer) scans the
 * tenant's array, a few hundred longs at most.
 */
final class OfferGains {
    private static final int TIME_BITS = 48;
    private static final long TIME_MASK = (1L << TIME_BITS) - 1;

    private long[] pairs = new long[4];
    private int size;

    void add(int offer, long gainedAtMillis) {
        if (size == pairs.length) {
            pairs = Arrays.copyOf(pairs, size * 2);
        }
        pairs[size++] = pack(offer, gainedAtMillis);
    }

    void remove(int offer, long gainedAtMillis) {
        long p = pack(offer, gainedAtMillis);
        for (int i = 0; i < size; i++) {
            if (pairs[i] == p) {
                pairs[i] = pairs[--size];
                return;
            }
        }
    }

    /** True when a subscription of an offer that {@code matches} was bought after {@code millis}. */
    boolean gainedAfter(long millis, java.util.function.IntPredicate matches) {
        for (int i = 0; i < size; i++) {
            if ((pairs[i] & TIME_MASK) > millis && matches.test((int) (pairs[i] >>> TIME_BITS))) {
                return true;
            }
        }
        return false;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** A comparable picture for tests: offer id to its sorted gain times. */
    Map<String, long[]> snapshot(OfferIds ids) {
        Map<String, long[]> out = new TreeMap<>();
        for (int i = 0; i < size; i++) {
            String offer = ids.offer((int) (pairs[i] >>> TIME_BITS));
            long[] times = out.getOrDefault(offer, new long[0]);
            times = Arrays.copyOf(times, times.length + 1);
            times[times.length - 1] = pairs[i] & TIME_MASK;
            Arrays.sort(times);
            out.put(offer, times);
        }
        return out;
    }

    /** Gains before 1970 or after the year 10000 are clamped; neither can follow a real term end. */
    private static long pack(int offer, long millis) {
        return ((long) offer << TIME_BITS) | Math.max(0, Math.min(millis, TIME_MASK));
    }
}
