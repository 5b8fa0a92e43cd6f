package com.cspguard.topology;

import com.cspguard.domain.Evaluation;
import com.cspguard.domain.Finding;
import com.cspguard.domain.Ids;
import com.cspguard.domain.OfferCatalog;
import com.cspguard.domain.OpenTransfer;
import com.cspguard.domain.TenantCounts;
import com.cspguard.domain.TenantSnapshot;
import com.cspguard.domain.TransferEvaluator;
import com.cspguard.domain.TransferRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates open transfers against the current state and says what is new: a decision with the
 * next revision when its outcome changed, and an alert for each finding not yet announced.
 */
public final class TransferDecider {
    private final TransferEvaluator evaluator;
    private final GuardStores stores;
    private final GuardOutputs outputs;

    public TransferDecider(TransferEvaluator evaluator, GuardStores stores, GuardOutputs outputs) {
        this.evaluator = evaluator;
        this.stores = stores;
        this.outputs = outputs;
    }

    /** The tenant as the evaluator sees it: counters plus only the subscriptions the request names. */
    public TenantSnapshot snapshot(TenantCounts counts, TransferRequest request) {
        return TenantSnapshot.forRequest(counts, request, id -> {
            SubscriptionState state = stores.subscription(request.customerTenantId(), id);
            return state == null ? null : state.held();
        });
    }

    public Evaluation evaluate(TenantCounts counts, TransferRequest request, OfferCatalog catalog, Instant now) {
        return evaluator.evaluate(snapshot(counts, request), request, catalog, now);
    }

    /**
     * Evaluates {@code request} as the current version of {@code open} (null when it is new) and
     * emits and stores what changed. Returns the open transfer as stored.
     */
    public OpenTransfer decide(OpenTransfer open, TransferRequest request, TenantCounts counts, OfferCatalog catalog,
                               Instant now, Instant expiresAt) {
        Evaluation evaluation = evaluate(counts, request, catalog, now);
        if (open != null && !evaluation.outcomeDiffers(open.last())) {
            if (!open.request().equals(request)) {
                OpenTransfer updated = new OpenTransfer(request, open.revision(), open.last(), open.alertIds(), open.expiresAt());
                stores.putTransfer(updated);
                return updated;
            }
            return open;
        }
        OpenTransfer base = open != null ? open : new OpenTransfer(request, 0, null, java.util.Set.of(), expiresAt);
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
        stores.putTransfer(next);
        return next;
    }

    /** Re-evaluates every open transfer of the tenant after its state changed. */
    public void reevaluateTenant(TenantCounts counts, OfferCatalog catalog, Instant now) {
        if (counts.openTransfers() == 0) {
            return; // most tenants: no look-up at all
        }
        for (OpenTransfer open : stores.openTransfers(counts.customerTenantId())) {
            decide(open, open.request(), counts, catalog, now, open.expiresAt());
        }
    }
}
