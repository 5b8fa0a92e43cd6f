package com.cspguard.topology;

/**
 * Names of the state stores and processors. They name changelog topics and local folders, so they
 * must never change once a deployment has state: renaming one silently starts it empty.
 */
public final class StoreNames {
    private StoreNames() { }

    /**
     * The tenant state, one RocksDB store for all of it so that a transaction spans one changelog
     * topic instead of five. Keys carry their type as a prefix; see {@link StateKeys}.
     */
    public static final String STATE = "guard-state";
    /** Key due time (big-endian) + kind + owner: timers in due order. */
    public static final String TIMERS = "timers";

    public static final String INPUT_SOURCE = "guard-inputs";
    public static final String TENANT_GUARD = "tenant-guard";
    public static final String OUTPUT_SINK = "guard-outputs";
    public static final String CATALOG_SOURCE = "offer-catalog-input";
    public static final String CATALOG_BROADCASTER = "catalog-broadcaster";
    public static final String CATALOG_SINK = "catalog-outputs";

    /** Separator of the parts of a key; tenant ids may not contain it. */
    public static final char SEPARATOR = '|';

    /** {@code tenant|id}: the owner of a timer. */
    public static String key(String tenantId, String id) {
        return tenantId + SEPARATOR + id;
    }
}
