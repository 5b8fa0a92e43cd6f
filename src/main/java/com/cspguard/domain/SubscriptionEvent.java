package com.cspguard.domain;

import java.time.Instant;

/** One record of {@code subscription-events}: the full state of one subscription after a change. */
public record SubscriptionEvent(
        String eventId,
        Instant occurredAt,
        String customerTenantId,
        String customerCountryCode,
        Channel channel,
        String partnerTenantId,
        Subscription subscription) {

    /** What the guard keeps of this event for its subscription. */
    public HeldSubscription toHeld() {
        return new HeldSubscription(eventId, occurredAt, channel, partnerTenantId, subscription, false);
    }
}
