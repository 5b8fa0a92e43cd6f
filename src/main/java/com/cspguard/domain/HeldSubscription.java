package com.cspguard.domain;

import java.time.Instant;

/**
 * The latest snapshot of one subscription that the guard holds, keyed by {@code tenant|subscription}.
 *
 * @param lastEventId  id of the event that produced this snapshot
 * @param occurredAt   when that change happened; older snapshots are ignored
 */
public record HeldSubscription(
        String lastEventId,
        Instant occurredAt,
        Channel channel,
        String partnerTenantId,
        Subscription subscription) {

    public String id() {
        return subscription.id();
    }
}
