package com.cspguard.topology.inputs;

import com.cspguard.domain.Offer;

/** One record of the catalog-changes topic: an offer, or its removal ({@code offer} null, a tombstone). */
public record CatalogChange(String offerId, Offer offer) { }
