package com.cspguard.topology.timers;

import com.cspguard.topology.indexes.TimerSchedule;
import com.cspguard.domain.Ids;
import com.cspguard.domain.TimerRules;
import com.cspguard.domain.TimerType;
import com.cspguard.topology.decisions.OpenTransfers;
import com.cspguard.topology.facts.FactStore;
import com.cspguard.topology.facts.SubscriptionFact;
import com.cspguard.topology.indexes.GuardIndexes;
import com.cspguard.topology.indexes.TimerChains;
import com.cspguard.topology.indexes.TenantIndex;
import com.cspguard.topology.indexes.TransferEntry;
import com.cspguard.topology.outputs.GuardOutputs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;

/**
 * The wall-clock punctuation: fires the timers that are due, in due order, in bounded batches.
 * Wall-clock, because a tenant's partition may see no record for weeks and stream time would
 * never move. Each fired timer advances its subscription's fact in the same transaction as the
 * fired record (exactly_once_v2), so it fires at most once across restarts.
 */
public final class TimerFirer {
    private static final Logger LOG = LoggerFactory.getLogger(TimerFirer.class);

    private final FactStore facts;
    private final GuardIndexes indexes;
    private final TimerChains chains;
    private final GuardOutputs outputs;
    private final OpenTransfers transfers;
    private final int batch;

    public TimerFirer(FactStore facts, GuardIndexes indexes, TimerChains chains, GuardOutputs outputs,
                      OpenTransfers transfers, int batch) {
        this.facts = facts;
        this.indexes = indexes;
        this.chains = chains;
        this.outputs = outputs;
        this.transfers = transfers;
        this.batch = batch;
    }

    /** Takes up to the batch size of due entries at {@code nowMillis}; returns how many were taken. */
    public int fireDue(long nowMillis) {
        TimerSchedule schedule = indexes.schedule();
        int taken = 0;
        TimerSchedule.Due due;
        while (taken < batch && (due = schedule.pollDue(nowMillis)) != null) {
            taken++;
            if (due.kind() == TimerSchedule.TRANSFER_EXPIRY) {
                expireTransfer(due, nowMillis);
            } else {
                fireSubscriptionTimer(due, nowMillis);
            }
        }
        if (taken >= batch && schedule.earliestDue() <= nowMillis) {
            LOG.info("fired a batch of {} timers; more are due and follow at the next punctuation", taken);
        }
        if (schedule.needsCompaction()) {
            indexes.rebuildSchedule(facts);
        }
        return taken;
    }

    private void expireTransfer(TimerSchedule.Due due, long nowMillis) {
        TenantIndex tenant = indexes.tenant(due.tenantId());
        TransferEntry entry = tenant == null ? null : tenant.transfer(due.ownerId());
        if (entry == null || entry.expiresAt().toEpochMilli() != due.dueAtMillis()) {
            return; // closed meanwhile: a stale entry
        }
        transfers.close(tenant, entry, java.time.Instant.ofEpochMilli(nowMillis));
        LOG.info("transfer {} of tenant {} closed as expired at {}", due.ownerId(), due.tenantId(), entry.expiresAt());
    }

    /** Fires the subscription timer the entry names, if the entry is still current. */
    private void fireSubscriptionTimer(TimerSchedule.Due due, long nowMillis) {
        String tenantId = due.tenantId();
        SubscriptionFact fact = facts.subscription(tenantId, due.ownerId());
        if (fact == null || !fact.timerPending() || fact.nextTimer().ordinal() != due.kind()
                || chains.dueAt(fact) != due.dueAtMillis()) {
            return; // moved, cancelled or already fired: a stale entry
        }
        indexes.schedule().retire();
        TenantIndex tenant = indexes.tenantOrNew(tenantId);
        fact = fireDue(tenant, fact, nowMillis);
        if (fact.timerPending()) {
            chains.schedule(indexes.schedule(), tenant.tenantId(), fact);
        }
        facts.putSubscription(tenantId, fact);
    }

    /**
     * Walks the fact's chain through every timer due at {@code nowMillis}: each fires if its condition
     * holds now. Returns the fact with its chain advanced to the first timer in the future (or to
     * its end); the caller stores it and schedules that timer, so firing and advancing commit in one
     * transaction. Also used by an event whose snapshot brings timers already due (an old end date),
     * which then fire at once and cost no second write of the fact.
     */
    public SubscriptionFact fireDue(TenantIndex tenant, SubscriptionFact fact, long nowMillis) {
        if (!fact.timerPending()) {
            return fact;
        }
        String tenantId = tenant.tenantId();
        Instant termEnd = fact.timerTermEnd();
        Instant now = Instant.ofEpochMilli(nowMillis);
        TimerType type = fact.nextTimer();
        Instant dueAt = chains.dueAt(type, termEnd);
        while (type != null && !dueAt.isAfter(now)) {
            boolean inTransfer = type == TimerType.TERM_ENDING && tenant.inOpenTransfer(fact.id());
            boolean repurchased = type.isGrace() && tenant.repurchasedAfter(fact.offerId(), termEnd, indexes.catalog());
            if (TimerRules.fires(type, fact.held(), termEnd, inTransfer, repurchased)) {
                outputs.timer(Ids.timerId(tenantId, fact.id(), type.name(), dueAt.toEpochMilli()), tenantId,
                        fact.held(), type, dueAt, now);
            }
            type = type.next();
            fact = fact.withNextTimer(type);
            if (type != null) {
                dueAt = chains.dueAt(type, termEnd);
            }
        }
        return fact;
    }
}
