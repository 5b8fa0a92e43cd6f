package com.cspguard.topology.decisions;

import com.cspguard.domain.Evaluation;
import com.cspguard.domain.Finding;
import com.cspguard.domain.GuardPolicy;
import com.cspguard.domain.Ids;
import com.cspguard.domain.OfferCatalog;
import com.cspguard.domain.OpenTransfer;
import com.cspguard.domain.TenantCounts;
import com.cspguard.domain.TenantSnapshot;
import com.cspguard.domain.TransferEvaluator;
import com.cspguard.domain.TransferRequest;
import com.cspguard.topology.facts.FactStore;
import com.cspguard.topology.facts.SubscriptionFact;
import com.cspguard.topology.indexes.TenantIndex;
import com.cspguard.topology.indexes.TransferSummary;
import com.cspguard.topology.outputs.GuardOutputs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Evaluates open transfers against the current state and says what is new: a decision with the
 * next revision when its outcome changed, and an alert for each finding not yet announced.
 *
 * <p>An evaluation depends on the request, the subscriptions it names, the tenant's counted
 * subscriptions (only through the limit finding), its country (only through the region finding)
 * and the catalog. So after a subscription changes, only the transfers that name it, or whose
 * limit or region finding flips, are read and evaluated again: the others cannot change outcome.
 */
public final class TransferDecider {
    private final TransferEvaluator evaluator;
    private final FactStore facts;
    private final OfferCatalog catalog;
    private final GuardOutputs outputs;

    public TransferDecider(TransferEvaluator evaluator, FactStore facts, OfferCatalog catalog, GuardOutputs outputs) {
        this.evaluator = evaluator;
        this.facts = facts;
        this.catalog = catalog;
        this.outputs = outputs;
    }

    public GuardPolicy policy() {
        return evaluator.policy();
    }

    /** The tenant as the evaluator sees it: counters plus only the subscriptions the request names. */
    private TenantSnapshot snapshot(TenantCounts counts, TransferRequest request) {
        return TenantSnapshot.forRequest(counts, request, id -> {
            SubscriptionFact fact = facts.subscription(request.customerTenantId(), id);
            return fact == null ? null : fact.held();
        });
    }

    /**
     * Evaluates {@code request} as the current version of {@code open} (null when it is new) and
     * emits and stores what changed.
     */
    public void decide(OpenTransfer open, TransferRequest request, TenantIndex tenant, Instant now, Instant expiresAt) {
        Evaluation evaluation = evaluator.evaluate(snapshot(tenant.counts(), request), request, catalog, now);
        if (open != null && !evaluation.outcomeDiffers(open.last())) {
            if (!open.request().equals(request)) {
                facts.putTransfer(new OpenTransfer(request, open.revision(), open.last(), open.alertIds(), open.expiresAt()));
            }
            return;
        }
        OpenTransfer base = open != null ? open : new OpenTransfer(request, 0, null, Set.of(), expiresAt);
        List<String> newAlerts = new ArrayList<>();
        for (Finding f : evaluation.findings()) {
            String alertId = Ids.alertId(request.customerTenantId(), request.transferId(), f.code(), f.subscriptionIds());
            if (!base.alertIds().contains(alertId) && !newAlerts.contains(alertId)) {
                newAlerts.add(alertId);
                outputs.alert(alertId, request.customerTenantId(), request.transferId(), f, now);
            }
        }
        OpenTransfer next = base.next(request, evaluation, newAlerts);
        outputs.decision(next.revision(), evaluation, now.toEpochMilli());
        facts.putTransfer(next);
    }

    /**
     * Re-evaluates the open transfers whose outcome the change of one subscription may have changed.
     *
     * @param findingsMayDiffer the evaluator may read something else of the subscription now
     *                          ({@link TransferEvaluator#readsTheSame}); a status flip between counted
     *                          statuses, say, changes no finding of a transfer that names it
     */
    public void afterSubscriptionChange(TenantIndex tenant, String subscriptionId, boolean findingsMayDiffer,
                                        int countedBefore, String countryBefore, Instant now) {
        if (tenant.transfers().isEmpty()) {
            return; // most tenants: nothing to read
        }
        int max = policy().tenantMaximum();
        for (TransferSummary t : List.copyOf(tenant.transfers())) {
            boolean affected = (findingsMayDiffer && t.names(subscriptionId))
                    || t.overLimit(countedBefore, max) != t.overLimit(tenant.counted(), max)
                    || t.regionMismatch(countryBefore) != t.regionMismatch(tenant.countryCode());
            if (affected) {
                reevaluate(tenant, t.transferId(), now);
            }
        }
    }

    /** Reads one open transfer and evaluates it again against the current state. */
    public void reevaluate(TenantIndex tenant, String transferId, Instant now) {
        OpenTransfer open = facts.transfer(tenant.tenantId(), transferId);
        if (open != null) {
            decide(open, open.request(), tenant, now, open.expiresAt());
        }
    }
}
