package com.cspguard.topology;

/**
 * Key layout of the {@code guard-state} store: a type letter, then the parts, separated by '|'.
 * Tenant ids may not contain '|', so {@code S|tenant|} is exactly one tenant's subscriptions.
 * <pre>
 *   S|tenant|subscription   latest snapshot and timer-chain position
 *   C|tenant                counters
 *   T|tenant|transfer       open transfer
 *   A|tenant|subscription   expired subscription awaiting repurchase
 *   O|offer                 offer catalog entry
 * </pre>
 */
public final class StateKeys {
    private StateKeys() { }

    public static String subscription(String tenant, String subscription) {
        return "S|" + tenant + '|' + subscription;
    }

    public static String subscriptions(String tenant) {
        return "S|" + tenant + '|';
    }

    public static String counts(String tenant) {
        return "C|" + tenant;
    }

    public static String transfer(String tenant, String transfer) {
        return "T|" + tenant + '|' + transfer;
    }

    public static String transfers(String tenant) {
        return "T|" + tenant + '|';
    }

    public static final String ALL_TRANSFERS = "T|";

    public static String awaiting(String tenant, String subscription) {
        return "A|" + tenant + '|' + subscription;
    }

    public static String awaitings(String tenant) {
        return "A|" + tenant + '|';
    }

    public static String offer(String offerId) {
        return "O|" + offerId;
    }
}
