package com.cspguard.topology;

import com.cspguard.domain.Ids;
import com.cspguard.domain.OpenTransfer;
import com.cspguard.domain.TimerRules;
import com.cspguard.domain.TimerType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;

/**
 * The wall-clock punctuation: fires the timers that are due, in due order, in bounded batches.
 * Wall-clock, because a tenant's partition may see no record for weeks and stream time would
 * never move. Under exactly_once_v2 the fired record and the timer's removal commit together,
 * so a timer fires at most once across restarts.
 */
public final class TimerFirer {
    private static final Logger LOG = LoggerFactory.getLogger(TimerFirer.class);

    private final GuardSettings settings;
    private final GuardStores stores;
    private final GuardOutputs outputs;
    private final TimerScheduler scheduler;
    private final TransferRequestHandler transfers;

    public TimerFirer(GuardSettings settings, GuardStores stores, GuardOutputs outputs, TimerScheduler scheduler,
                      TransferRequestHandler transfers) {
        this.settings = settings;
        this.stores = stores;
        this.outputs = outputs;
        this.scheduler = scheduler;
        this.transfers = transfers;
    }

    /** Fires what is due at {@code nowMillis}; returns how many timers were taken from the store. */
    public int fireDue(long nowMillis) {
        var due = stores.timers().due(nowMillis, settings.timerBatch());
        for (TimerStore.Due d : due) {
            stores.timers().remove(d.key());
            TimerEntry entry = d.entry();
            if (TimerKey.kind(d.key().get()) == TimerKey.TRANSFER_EXPIRY) {
                expireTransfer(entry);
            } else {
                fireSubscriptionTimer(entry, nowMillis);
            }
        }
        if (due.size() >= settings.timerBatch()) {
            LOG.info("fired a batch of {} timers; more are due and follow at the next punctuation", due.size());
        }
        return due.size();
    }

    private void expireTransfer(TimerEntry entry) {
        OpenTransfer open = stores.transfer(entry.tenantId(), entry.ownerId());
        if (open == null || open.expiresAt().toEpochMilli() != entry.dueAtMillis()) {
            return; // closed or replaced meanwhile
        }
        transfers.close(open, stores.counts(entry.tenantId()));
        LOG.info("transfer {} of tenant {} closed as expired after {}", entry.ownerId(), entry.tenantId(),
                settings.policy().transferMaxAge());
    }

    /**
     * Fires one subscription timer if its condition holds now, then walks the chain: timers of the
     * chain that are already due are checked at once, the first one in the future is stored.
     */
    private void fireSubscriptionTimer(TimerEntry entry, long nowMillis) {
        String tenant = entry.tenantId();
        SubscriptionState state = stores.subscription(tenant, entry.ownerId());
        TimerType type = TimerType.valueOf(entry.kind());
        if (state == null || state.nextTimer() != type || !entry.termEnd().equals(state.timerTermEnd())) {
            return; // moved or cancelled after it was stored
        }
        Instant termEnd = state.timerTermEnd();
        Instant now = Instant.ofEpochMilli(nowMillis);
        Instant due = Instant.ofEpochMilli(entry.dueAtMillis());
        while (true) {
            if (TimerRules.fires(type, state.held(), termEnd, type == TimerType.TERM_ENDING && inOpenTransfer(tenant, state))) {
                outputs.timer(Ids.timerId(tenant, state.held().id(), type.name(), due.toEpochMilli()), tenant,
                        state.held(), type, due, now);
            }
            type = type.next();
            if (type == null || (type.isGrace() && state.held().repurchased())) {
                state = state.withNextTimer(null);
                break;
            }
            due = scheduler.dueAt(type, termEnd);
            state = state.withNextTimer(type);
            if (due.isAfter(now)) {
                scheduler.schedule(tenant, state);
                break;
            }
        }
        stores.putSubscription(tenant, state);
    }

    /** Only asked when autorenew is on; a look-up over the tenant's open transfers only. */
    private boolean inOpenTransfer(String tenant, SubscriptionState state) {
        if (!state.held().subscription().autoRenewEnabled() || stores.counts(tenant).openTransfers() == 0) {
            return false;
        }
        return stores.openTransfers(tenant).stream().anyMatch(t -> t.names(state.held().id()));
    }
}
