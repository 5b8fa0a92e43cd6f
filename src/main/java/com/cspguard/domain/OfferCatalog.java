package com.cspguard.domain;

import java.util.Map;
import java.util.Optional;

/** Read access to the offer catalog. An offer missing from the catalog is taken as available. */
@FunctionalInterface
public interface OfferCatalog {

    Optional<Offer> find(String offerId);

    default boolean isAvailable(String offerId) {
        return find(offerId).map(Offer::available).orElse(true);
    }

    /**
     * True when {@code candidate} is the same offer as {@code offerId} or listed as its equivalent,
     * in either direction: the catalog may name the equivalence on either offer.
     */
    default boolean isSameOrEquivalent(String offerId, String candidate) {
        if (offerId == null || candidate == null) {
            return false;
        }
        if (offerId.equals(candidate)) {
            return true;
        }
        return find(offerId).map(o -> o.equivalentOfferIds().contains(candidate)).orElse(false)
                || find(candidate).map(o -> o.equivalentOfferIds().contains(offerId)).orElse(false);
    }

    static OfferCatalog of(Map<String, Offer> offers) {
        return id -> Optional.ofNullable(offers.get(id));
    }

    static OfferCatalog empty() {
        return id -> Optional.empty();
    }
}
