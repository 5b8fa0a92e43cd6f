package com.cspguard.topology;

/**
 * Names of the state stores and processors. They name changelog topics and local folders, so they
 * must never change once a deployment has state: renaming one silently starts it empty.
 */
public final class StoreNames {
    private StoreNames() { }

    /** Key {@code tenant|subscription}: the latest snapshot and the subscription's next timer. */
    public static final String SUBSCRIPTIONS = "subscriptions";
    /** Key {@code tenant}: the tenant's counters. */
    public static final String TENANT_COUNTS = "tenant-counts";
    /** Key {@code tenant|transfer}: open transfer requests. */
    public static final String OPEN_TRANSFERS = "open-transfers";
    /** Key {@code tenant|subscription}: expired subscriptions not yet repurchased. */
    public static final String AWAITING_REPURCHASE = "awaiting-repurchase";
    /** Key offer id: this task's copy of the offer catalog. */
    public static final String OFFERS = "offers";
    /** Key due time (big-endian) + kind + owner: timers in due order. */
    public static final String TIMERS = "timers";
    /** Window store of event ids seen within the de-duplication window. */
    public static final String SEEN_EVENT_IDS = "seen-event-ids";

    public static final String INPUT_SOURCE = "guard-inputs";
    public static final String TENANT_GUARD = "tenant-guard";
    public static final String OUTPUT_SINK = "guard-outputs";
    public static final String CATALOG_SOURCE = "offer-catalog-input";
    public static final String CATALOG_BROADCASTER = "catalog-broadcaster";
    public static final String CATALOG_SINK = "catalog-outputs";

    /** Separator of the parts of a store key; tenant ids may not contain it. */
    public static final char SEPARATOR = '|';

    public static String key(String tenantId, String id) {
        return tenantId + SEPARATOR + id;
    }

    public static String tenantPrefix(String tenantId) {
        return tenantId + SEPARATOR;
    }
}
