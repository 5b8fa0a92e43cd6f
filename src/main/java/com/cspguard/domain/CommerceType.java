package com.cspguard.domain;

import java.util.regex.Pattern;

/**
 * Which generation of Microsoft commerce a subscription belongs to (domain.md "New commerce").
 * New-commerce subscriptions can be cancelled only within a short window after purchase or renewal
 * and can move between partners by Partner Center's native transfer; legacy ones cannot.
 */
public enum CommerceType {
    NEW_COMMERCE,
    LEGACY;

    /** Partner Center's {@code productType.id} of new-commerce license-based products. */
    public static final String NEW_COMMERCE_PRODUCT_TYPE = "OnlineServicesNCE";

    private static final Pattern GUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /**
     * The contract's derivation when {@code commerceType} is absent: new commerce when the product
     * type is {@code OnlineServicesNCE} or the offer id is not a GUID (catalog-style ids such as
     * {@code CFQ7TTC0LH18:0001}); legacy offer ids are GUIDs.
     */
    public static CommerceType derive(String productTypeId, String offerId) {
        if (NEW_COMMERCE_PRODUCT_TYPE.equalsIgnoreCase(productTypeId)) {
            return NEW_COMMERCE;
        }
        return offerId != null && GUID.matcher(offerId).matches() ? LEGACY : NEW_COMMERCE;
    }
}
