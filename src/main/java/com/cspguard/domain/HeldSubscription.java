package com.cspguard.domain;

import java.time.Instant;

/**
 * The latest snapshot of one subscription that the guard holds, keyed by {@code tenant|subscription}.
 *
 * @param lastEventId  id of the event that produced this snapshot
 * @param occurredAt   when that change happened; older snapshots are ignored
 * @param repurchased  true once an expired subscription was covered by a new counted subscription
 *                     of the same or an equivalent offer after its term end
 */
public record HeldSubscription(
        String lastEventId,
        Instant occurredAt,
        Channel channel,
        String partnerTenantId,
        Subscription subscription,
        boolean repurchased) {

    public HeldSubscription withRepurchased() {
        return new HeldSubscription(lastEventId, occurredAt, channel, partnerTenantId, subscription, true);
    }

    public String id() {
        return subscription.id();
    }
}
