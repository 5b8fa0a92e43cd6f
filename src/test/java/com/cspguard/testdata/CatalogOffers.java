package com.cspguard.testdata;

import com.cspguard.wire.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

import static com.cspguard.testdata.TransferRequests.putIfSet;

/**
 * A record of the topic {@code offer-catalog} (contract.md, topics/offer-catalog.schema.json): an
 * offer's status and the offers it may be repurchased as. offerName and equivalentOfferIds appear
 * only when set.
 */
public final class CatalogOffers {
    private final String offerId;
    private String offerName;
    private String status = "AVAILABLE";
    private List<String> equivalents;

    private CatalogOffers(String offerId) {
        this.offerId = offerId;
    }

    public static CatalogOffers of(String offerId) {
        return new CatalogOffers(offerId);
    }

    public CatalogOffers named(String name) {
        this.offerName = name;
        return this;
    }

    public CatalogOffers status(String status) {
        this.status = status;
        return this;
    }

    public CatalogOffers discontinued() {
        return status("DISCONTINUED");
    }

    /** The offers it may be repurchased as (an empty list is written as []). */
    public CatalogOffers equivalents(String... offerIds) {
        this.equivalents = List.of(offerIds);
        return this;
    }

    public ObjectNode json() {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("offerId", offerId);
        putIfSet(o, "offerName", offerName);
        o.put("status", status);
        if (equivalents != null) {
            ArrayNode eq = o.putArray("equivalentOfferIds");
            equivalents.forEach(eq::add);
        }
        return o;
    }

    @Override
    public String toString() {
        return json().toString();
    }
}
