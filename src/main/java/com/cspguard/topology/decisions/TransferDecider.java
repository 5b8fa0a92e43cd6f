package com.cspguard.topology.decisions;

import com.cspguard.domain.Evaluation;
import com.cspguard.domain.Finding;
import com.cspguard.domain.GuardPolicy;
import com.cspguard.domain.HeldSubscription;
import com.cspguard.domain.Ids;
import com.cspguard.domain.OfferCatalog;
import com.cspguard.domain.OpenTransfer;
import com.cspguard.domain.TenantSnapshot;
import com.cspguard.domain.TransferEvaluator;
import com.cspguard.domain.TransferRequest;
import com.cspguard.topology.facts.FactStore;
import com.cspguard.topology.indexes.TenantIndex;
import com.cspguard.topology.indexes.TransferEntry;
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
 * and the catalog. So after a subscription changes, only the transfers that name it (when the
 * evaluator reads something else of it now), or whose limit or region finding flips, are evaluated
 * again; and they are evaluated from the index ({@link TransferEntry}), without reading the store.
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

    /** The subscriptions a request names, as their facts hold them: read once, when a request arrives. */
    public void loadNamed(TransferEntry entry) {
        String tenant = entry.request().customerTenantId();
        for (String id : entry.subscriptionIds()) {
            var fact = facts.subscription(tenant, id);
            if (fact != null) {
                entry.subscriptionChanged(fact.held());
            }
        }
    }

    /**
     * Evaluates the entry's current request and emits and stores what changed. The fact is read only
     * when the outcome changed (its alert ids tell which findings were announced already) or the
     * request must be written.
     */
    public void decide(TenantIndex tenant, TransferEntry entry, Instant now) {
        TransferRequest request = entry.request();
        TenantSnapshot snapshot = new TenantSnapshot(tenant.tenantId(), tenant.counted(), tenant.countryCode(), entry.named());
        Evaluation evaluation = evaluator.evaluate(snapshot, request, catalog, now);
        boolean isNew = entry.revision() == 0;
        if (!isNew && !evaluation.outcomeDiffers(entry.last())) {
            if (entry.requestUnwritten()) {
                OpenTransfer stored = facts.transfer(tenant.tenantId(), request.transferId());
                write(entry, stored.withRequest(request));
            }
            return;
        }
        OpenTransfer base = isNew ? unannounced(request, entry.expiresAt())
                : facts.transfer(tenant.tenantId(), request.transferId());
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
        write(entry, next);
    }

    private void write(TransferEntry entry, OpenTransfer fact) {
        facts.putTransfer(fact);
        entry.written(fact);
    }

    /** A new transfer's fact before its first decision: revision 0, nothing said yet. */
    public static OpenTransfer unannounced(TransferRequest request, Instant expiresAt) {
        return new OpenTransfer(request, 0, null, Set.of(), expiresAt);
    }

    /**
     * Re-evaluates the open transfers whose outcome the change of one subscription may have changed.
     *
     * @param findingsMayDiffer the evaluator may read something else of the subscription now
     *                          ({@link TransferEvaluator#readsTheSame}); a status flip between counted
     *                          statuses, say, changes no finding of a transfer that names it
     */
    public void afterSubscriptionChange(TenantIndex tenant, HeldSubscription changed, boolean findingsMayDiffer,
                                        int countedBefore, String countryBefore, Instant now) {
        if (tenant.transfers().isEmpty()) {
            return; // most tenants: nothing to do
        }
        tenant.subscriptionChanged(changed);
        int max = policy().tenantMaximum();
        for (TransferEntry t : List.copyOf(tenant.transfers())) {
            boolean affected = (findingsMayDiffer && t.names(changed.id()))
                    || t.overLimit(countedBefore, max) != t.overLimit(tenant.counted(), max)
                    || t.regionMismatch(countryBefore) != t.regionMismatch(tenant.countryCode());
            if (affected) {
                reevaluate(tenant, t, now);
            }
        }
    }

    /** Evaluates one open transfer again against the current state. */
    public void reevaluate(TenantIndex tenant, TransferEntry entry, Instant now) {
        decide(tenant, entry, now);
    }
}
