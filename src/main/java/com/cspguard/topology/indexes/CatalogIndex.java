package com.cspguard.topology.indexes;

import com.cspguard.domain.Offer;
import com.cspguard.domain.OfferCatalog;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The task's offer catalog in memory, so that the rules read it without a store look-up. */
public final class CatalogIndex implements OfferCatalog {
    private final Map<String, Offer> offers = new HashMap<>();

    @Override
    public Optional<Offer> find(String offerId) {
        return Optional.ofNullable(offers.get(offerId));
    }

    /** Adds, replaces or (with null) removes an offer. */
    public void put(String offerId, Offer offer) {
        if (offer == null) {
            offers.remove(offerId);
        } else {
            offers.put(offerId, offer);
        }
    }

    public int size() {
        return offers.size();
    }

    void clear() {
        offers.clear();
    }

    Map<String, Offer> snapshot() {
        return new java.util.TreeMap<>(offers);
    }
}
