package com.cspguard.topology.inputs;

import com.cspguard.wire.InputLimits;
import com.cspguard.wire.InputParser;
import com.cspguard.wire.ParseResult;
import com.cspguard.domain.GuardPolicy;
import com.cspguard.domain.Ids;
import com.cspguard.domain.SubscriptionEvent;
import com.cspguard.domain.TenantAlerts;
import com.cspguard.domain.TransferRules;
import com.cspguard.topology.config.GuardMetrics;
import com.cspguard.topology.decisions.TransferDecider;
import com.cspguard.topology.facts.FactStore;
import com.cspguard.topology.facts.LatestReport;
import com.cspguard.topology.facts.SubscriptionFact;
import com.cspguard.topology.indexes.GuardIndexes;
import com.cspguard.topology.indexes.TenantIndex;
import com.cspguard.topology.outputs.CountsCoalescer;
import com.cspguard.topology.outputs.GuardOutputs;
import com.cspguard.topology.indexes.TimerChains;
import com.cspguard.topology.timers.TimerFirer;

import java.time.Instant;

/**
 * Applies one valid subscription snapshot: one get and one put of the subscription's fact, then
 * the in-memory indexes (counters, country, repurchase index, timer schedule) follow the change
 * and the outputs it causes go out. Repeats (an event id among the last four applied to the
 * subscription) and snapshots older than the held one change nothing.
 */
public final class SubscriptionEventHandler implements InputHandler<SubscriptionEvent> {
    private final GuardPolicy policy;
    private final FactStore facts;
    private final GuardIndexes indexes;
    private final GuardOutputs outputs;
    private final CountsCoalescer counts;
    private final TimerChains chains;
    private final TimerFirer timers;
    private final TransferDecider decider;
    private final GuardMetrics metrics;

    public SubscriptionEventHandler(GuardPolicy policy, FactStore facts, GuardIndexes indexes, GuardOutputs outputs,
                                    CountsCoalescer counts, TimerChains chains, TimerFirer timers, TransferDecider decider, GuardMetrics metrics) {
        this.policy = policy;
        this.facts = facts;
        this.indexes = indexes;
        this.outputs = outputs;
        this.counts = counts;
        this.chains = chains;
        this.timers = timers;
        this.decider = decider;
        this.metrics = metrics;
    }

    @Override
    public ParseResult<SubscriptionEvent> parse(byte[] key, byte[] value, InputLimits limits) {
        return InputParser.subscriptionEvent(key, value, limits);
    }

    @Override
    public void handle(SubscriptionEvent event, long nowMillis) {
        String tenant = event.customerTenantId();
        SubscriptionFact old = facts.subscription(tenant, event.subscription().id());
        if (old != null && old.applied(event.eventId())) {
            metrics.ignored("duplicate-event-id");
            return;
        }
        if (old != null && event.occurredAt().isBefore(old.held().occurredAt())) {
            metrics.ignored("stale-snapshot");
            return;
        }
        SubscriptionFact next = chains.chain(old, factOf(event, old));

        TenantIndex index = indexes.tenantOrNew(tenant);
        int countedBefore = index.counted();
        // the counts per status move exactly when the status does (remove(old) then add(next))
        boolean statusMoved = old == null || old.held().subscription().status() != next.held().subscription().status();
        String countryBefore = index.countryCode();
        if (old != null) {
            index.remove(old, policy);
        }
        index.add(next, policy);
        // Timers already due (an old end date) fire at once, in the same write of the fact.
        next = timers.fireDue(index, next, nowMillis);
        facts.putSubscription(tenant, next);
        chains.follow(indexes.schedule(), index.tenantId(), old, next);

        long timestamp = event.occurredAt().toEpochMilli();
        if (statusMoved) {
            counts.changed(tenant, timestamp); // sent at the next flush, with whatever else changed by then
        }
        if (countedBefore <= policy.duplicationThreshold() && index.counted() > policy.duplicationThreshold()) {
            outputs.alert(Ids.thresholdAlertId(tenant, event.eventId()), tenant, null,
                    TenantAlerts.aboveDuplicationThreshold(index.counted(), policy), event.occurredAt());
        }
        boolean findingsMayDiffer = !TransferRules.readsTheSame(old == null ? null : old.held(), next.held(), policy);
        decider.afterSubscriptionChange(index, next.held(), findingsMayDiffer, countedBefore, countryBefore,
                Instant.ofEpochMilli(nowMillis));
    }

    /**
     * The fact this event makes: its snapshot, the tenant country and customer name it reports (or
     * those the subscription reported before), and when it was first seen counted.
     */
    private SubscriptionFact factOf(SubscriptionEvent event, SubscriptionFact old) {
        boolean countsNow = policy.counts(event.subscription().status());
        Instant firstCounted = old == null ? null : old.gainedAt();
        Instant gainedAt = firstCounted == null && countsNow ? event.occurredAt() : firstCounted;

        LatestReport country = (old == null ? LatestReport.NONE : new LatestReport(old.countryCode(), old.countryAt()))
                .merge(event.customerCountryCode(), event.occurredAt());
        LatestReport name = (old == null ? LatestReport.NONE : new LatestReport(old.customerName(), old.nameAt()))
                .merge(event.customerName(), event.occurredAt());
        return new SubscriptionFact(event.toHeld(), country.value(), country.at(), gainedAt, null, null, null,
                old == null ? null : old.eventsForSuccessor(), name.value(), name.at());
    }
}
