package com.cspguard.topology.indexes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Numbers for the offer ids a task has seen, so that the indexes hold one copy of each id and a
 * 16-bit number per subscription instead of a String. A task sees the offers of the catalog its
 * tenants buy from: hundreds, not tens of thousands.
 */
public final class OfferIds {
    private static final int MAX = 1 << 16;
    private final Map<String, Integer> numbers = new HashMap<>();
    private final List<String> offers = new ArrayList<>();

    public int number(String offerId) {
        Integer n = numbers.get(offerId);
        if (n != null) {
            return n;
        }
        if (offers.size() == MAX) {
            throw new IllegalStateException("more than " + MAX + " distinct offer ids in one task");
        }
        numbers.put(offerId, offers.size());
        offers.add(offerId);
        return offers.size() - 1;
    }

    /** The number of an id already seen, or -1. */
    public int find(String offerId) {
        Integer n = numbers.get(offerId);
        return n == null ? -1 : n;
    }

    public String offer(int number) {
        return offers.get(number);
    }
}
