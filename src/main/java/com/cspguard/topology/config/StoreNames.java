package com.cspguard.topology.config;

/**
 * Names of the state stores and processors. They name changelog topics and local folders, so they
 * must never change once a deployment has state: renaming one silently starts it empty.
 */
public final class StoreNames {
    private StoreNames() { }

    /**
     * The facts, one RocksDB store for all of them so that a transaction spans one changelog topic.
     * Keys carry their type as a prefix; see {@link com.cspguard.topology.facts.FactKeys}.
     */
    public static final String STATE = "guard-state";

    public static final String INPUT_SOURCE = "guard-inputs";
    public static final String TENANT_GUARD = "tenant-guard";
    public static final String OUTPUT_SINK = "guard-outputs";
    public static final String CATALOG_SOURCE = "offer-catalog-input";
    public static final String CATALOG_BROADCASTER = "catalog-broadcaster";
    public static final String CATALOG_SINK = "catalog-outputs";
}
