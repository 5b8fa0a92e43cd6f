package com.cspguard.topology.facts;

/**
 * Key layout of the {@code guard-state} store, the facts: a type letter, then the parts, separated
 * by '|'. Tenant ids may not contain '|', so {@code S|tenant|} is exactly one tenant's subscriptions.
 * <pre>
 *   S|tenant|subscription   the subscription's fact ({@link SubscriptionFact})
 *   T|tenant|transfer       an open transfer request and what was last said about it
 *   O|offer                 an offer catalog entry (every task holds the whole catalog)
 * </pre>
 * Nothing derivable is stored: counters, timers and the repurchase index are rebuilt from these.
 */
public final class FactKeys {
    private FactKeys() { }

    public static final String SUBSCRIPTIONS = "S|";
    public static final String TRANSFERS = "T|";
    public static final String OFFERS = "O|";

    public static String subscription(String tenant, String subscription) {
        return "S|" + tenant + '|' + subscription;
    }

    public static String subscriptions(String tenant) {
        return "S|" + tenant + '|';
    }

    public static String transfer(String tenant, String transfer) {
        return "T|" + tenant + '|' + transfer;
    }

    public static String transfers(String tenant) {
        return "T|" + tenant + '|';
    }

    public static String offer(String offerId) {
        return "O|" + offerId;
    }
}
