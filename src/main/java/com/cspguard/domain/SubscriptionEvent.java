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

    /**
     * What the guard keeps of this event for its subscription: only what its rules, timers and API
     * use, so a held subscription stays small on disk (offer name, start date, term, billing cycle
     * and trial flag are not kept).
     */
    public HeldSubscription toHeld() {
        Subscription s = subscription;
        Subscription kept = new Subscription(s.id(), s.offerId(), null, s.quantity(), s.status(), s.autoRenewEnabled(),
                null, s.commitmentEndDate(), s.commitmentEndDateTime(), null, null, false);
        return new HeldSubscription(eventId, occurredAt, channel, partnerTenantId, kept);
    }
}
