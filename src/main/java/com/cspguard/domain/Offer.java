package com.cspguard.domain;

import java.util.List;

/** One record of {@code offer-catalog}. */
public record Offer(String offerId, String offerName, OfferStatus status, List<String> equivalentOfferIds) {

    public Offer {
        equivalentOfferIds = equivalentOfferIds == null ? List.of() : List.copyOf(equivalentOfferIds);
    }

    public enum OfferStatus { AVAILABLE, DISCONTINUED }

    public boolean available() {
        return status != OfferStatus.DISCONTINUED;
    }
}
