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
        Subscription subscription,
        String customerName) {

    /** An event that does not report the customer's name. */
    public SubscriptionEvent(String eventId, Instant occurredAt, String customerTenantId, String customerCountryCode,
                             Channel channel, String partnerTenantId, Subscription subscription) {
        this(eventId, occurredAt, customerTenantId, customerCountryCode, channel, partnerTenantId, subscription, null);
    }

    /**
     * What the guard keeps of this event for its subscription: only what its rules, timers and API
     * use, so a held subscription stays small on disk (billing cycle and trial flag are not kept; the
     * offer name is shown by the operations page, start, term and commerce type decide when a
     * subscription was bought and until when it can be cancelled).
     */
    public HeldSubscription toHeld() {
        Subscription s = subscription;
        Subscription kept = new Subscription(s.id(), s.offerId(), s.offerName(), s.quantity(), s.status(),
                s.autoRenewEnabled(), s.effectiveStartDate(), s.commitmentEndDate(), s.commitmentEndDateTime(),
                s.termDuration(), null, false, s.commerceType(), s.refundableUntil());
        return new HeldSubscription(eventId, occurredAt, channel, partnerTenantId, kept);
    }
}
