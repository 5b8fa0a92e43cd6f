package com.cspguard.domain;

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

    /**
     * The contract's derivation when {@code commerceType} is absent: new commerce when the product
     * type is {@code OnlineServicesNCE} or the offer id is not a GUID (catalog-style ids such as
     * {@code CFQ7TTC0LH18:0001}); legacy offer ids are GUIDs.
     */
    public static CommerceType derive(String productTypeId, String offerId) {
        if (NEW_COMMERCE_PRODUCT_TYPE.equalsIgnoreCase(productTypeId)) {
            return NEW_COMMERCE;
        }
        return offerId != null && isGuid(offerId) ? LEGACY : NEW_COMMERCE;
    }

    /**
     * {@code [0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}}, checked by hand:
     * every subscription event without a {@code commerceType} asks, and the regex's matcher was 2% of
     * the processor's time (docs/benchmarks.md). {@code CommerceTypeProperties} holds it to the regex.
     */
    static boolean isGuid(String s) {
        if (s.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(i);
            boolean ok = i == 8 || i == 13 || i == 18 || i == 23 ? c == '-'
                    : c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
