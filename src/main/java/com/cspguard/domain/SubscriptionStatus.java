package com.cspguard.domain;

import java.util.Locale;

/** Partner Center's subscription status; the wire form is lower case. */
public enum SubscriptionStatus {
    NONE, ACTIVE, PENDING, SUSPENDED, EXPIRED, DISABLED, DELETED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
