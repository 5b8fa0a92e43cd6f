package com.cspguard.topology;

import com.cspguard.domain.GuardPolicy;
import com.cspguard.domain.HeldSubscription;
import com.cspguard.domain.Ids;
import com.cspguard.domain.OfferCatalog;
import com.cspguard.domain.SubscriptionEvent;
import com.cspguard.domain.SubscriptionStatus;
import com.cspguard.domain.TenantAlerts;
import com.cspguard.domain.TenantCounts;

import java.time.Instant;

/**
 * Applies one valid subscription snapshot: drops repeats (an event id among the last four applied to
 * the subscription, see {@link RecentEventIds}) and stale snapshots, then updates the
 * subscription, the tenant's counters, the repurchase index and the timer chain, each with O(1)
 * store operations, and re-evaluates the tenant's open transfers.
 */
public final class SubscriptionEventHandler {
    private final GuardSettings settings;
    private final GuardStores stores;
    private final GuardOutputs outputs;
    private final TimerScheduler scheduler;
    private final TransferDecider decider;
    private final GuardMetrics metrics;

    public SubscriptionEventHandler(GuardSettings settings, GuardStores stores, GuardOutputs outputs,
                                    TimerScheduler scheduler, TransferDecider decider, GuardMetrics metrics) {
        this.settings = settings;
        this.stores = stores;
        this.outputs = outputs;
        this.scheduler = scheduler;
        this.decider = decider;
        this.metrics = metrics;
    }

    public void handle(SubscriptionEvent event, long nowMillis) {
        String tenant = event.customerTenantId();
        SubscriptionState old = stores.subscription(tenant, event.subscription().id());
        if (old != null && old.applied(event.eventId())) {
            metrics.ignored("duplicate-event-id");
            return;
        }
        if (old != null && event.occurredAt().isBefore(old.held().occurredAt())) {
            metrics.ignored("stale-snapshot");
            return;
        }
        GuardPolicy policy = settings.policy();
        OfferCatalog catalog = stores.catalog();
        SubscriptionStatus before = old == null ? null : old.held().subscription().status();
        SubscriptionStatus after = event.subscription().status();

        // An expired subscription stays repurchased until it counts again.
        boolean repurchased = old != null && old.held().repurchased() && !policy.counts(after);
        HeldSubscription held = repurchased ? event.toHeld().withRepurchased() : event.toHeld();

        TenantCounts countsBefore = stores.counts(tenant);
        TenantCounts counts = countsBefore.apply(before, after, policy, event.occurredAt());
        if (event.customerCountryCode() != null && !event.customerCountryCode().equals(counts.countryCode())) {
            counts = counts.withCountry(event.customerCountryCode());
        }
        counts = updateRepurchaseIndex(tenant, old, held, counts);
        boolean gained = policy.counts(after) && !policy.counts(before);
        if (gained && counts.awaitingRepurchase() > 0) {
            counts = coverRepurchases(tenant, held, catalog, counts);
        }

        SubscriptionState state = scheduler.reschedule(tenant, old, held);
        stores.putSubscription(tenant, old == null ? state : state.withEarlierEvents(old.eventsForSuccessor()));

        if (!counts.equals(countsBefore)) {
            stores.putCounts(counts);
        }
        long timestamp = event.occurredAt().toEpochMilli();
        if (counts.publishedFieldsDiffer(countsBefore)) {
            outputs.counts(counts, timestamp);
        }
        if (counts.crossedThresholdSince(countsBefore)) {
            outputs.alert(Ids.thresholdAlertId(tenant, counts.thresholdCrossings()), tenant, null,
                    TenantAlerts.aboveDuplicationThreshold(counts.counted(), policy), event.occurredAt());
        }
        decider.reevaluateTenant(counts, catalog, Instant.ofEpochMilli(nowMillis));
    }

    private static boolean awaitingRepurchase(HeldSubscription held) {
        return held != null && held.subscription().status() == SubscriptionStatus.EXPIRED && !held.repurchased();
    }

    /** Keeps the index of expired, not yet repurchased subscriptions in step with this one. */
    private TenantCounts updateRepurchaseIndex(String tenant, SubscriptionState old, HeldSubscription held,
                                               TenantCounts counts) {
        boolean was = old != null && awaitingRepurchase(old.held());
        boolean is = awaitingRepurchase(held);
        if (is && (!was || !old.held().subscription().offerId().equals(held.subscription().offerId()))) {
            stores.putAwaiting(tenant, new AwaitingRepurchase(held.id(), held.subscription().offerId(),
                    held.subscription().termEnd()));
        }
        if (is && !was) {
            return counts.withAwaitingRepurchase(counts.awaitingRepurchase() + 1);
        }
        if (!is && was) {
            stores.removeAwaiting(tenant, held.id());
            return counts.withAwaitingRepurchase(counts.awaitingRepurchase() - 1);
        }
        return counts;
    }

    /**
     * A newly counted subscription covers every expired one of the same or an equivalent offer whose
     * term ended before it was gained: those are marked repurchased and their grace timers cancelled.
     */
    private TenantCounts coverRepurchases(String tenant, HeldSubscription gained, OfferCatalog catalog,
                                          TenantCounts counts) {
        int covered = 0;
        for (AwaitingRepurchase waiting : stores.awaiting(tenant)) {
            if (waiting.subscriptionId().equals(gained.id())
                    || !catalog.isSameOrEquivalent(waiting.offerId(), gained.subscription().offerId())
                    || (waiting.termEnd() != null && !gained.occurredAt().isAfter(waiting.termEnd()))) {
                continue;
            }
            SubscriptionState expired = stores.subscription(tenant, waiting.subscriptionId());
            if (expired != null) {
                SubscriptionState state = expired.withHeld(expired.held().withRepurchased());
                if (state.nextTimer() != null && state.nextTimer().isGrace()) {
                    scheduler.cancel(tenant, state);
                    state = state.withNextTimer(null);
                }
                stores.putSubscription(tenant, state);
            }
            stores.removeAwaiting(tenant, waiting.subscriptionId());
            covered++;
        }
        return covered == 0 ? counts : counts.withAwaitingRepurchase(counts.awaitingRepurchase() - covered);
    }
}
