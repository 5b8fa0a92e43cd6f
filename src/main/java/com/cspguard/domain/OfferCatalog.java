package com.cspguard.domain;

import java.util.List;
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

    /**
     * The offers that list {@code offerId} among their own equivalents (the equivalence named only on
     * the other offer, typically a successor naming the offer it replaces), sorted by id. A catalog
     * read by id alone cannot enumerate its offers and answers none: a catalog that can, does.
     */
    default List<String> offersNaming(String offerId) {
        return List.of();
    }

    /** A catalog of these offers, by id (read through, not copied), which can also answer {@link #offersNaming}. */
    static OfferCatalog of(Map<String, Offer> offers) {
        return new OfferCatalog() {
            @Override
            public Optional<Offer> find(String offerId) {
                return Optional.ofNullable(offers.get(offerId));
            }

            @Override
            public List<String> offersNaming(String offerId) {
                return offers.values().stream().filter(o -> o.equivalentOfferIds().contains(offerId))
                        .map(Offer::offerId).sorted().toList();
            }
        };
    }

    static OfferCatalog empty() {
        return id -> Optional.empty();
    }
}
