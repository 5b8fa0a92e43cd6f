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
import com.cspguard.domain.TransferRules;
import com.cspguard.topology.facts.FactStore;
import com.cspguard.topology.indexes.TenantIndex;
import com.cspguard.topology.indexes.TransferEntry;
import com.cspguard.topology.outputs.GuardOutputs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates open transfers against the current state and says what is new: a decision with the
 * next revision when its outcome changed, and an alert for each finding not yet announced.
 *
 * <p>An evaluation depends on the request, the subscriptions it names, the tenant's counted
 * subscriptions, its country and its other open DUPLICATE requests (only through the tenant-dependent
 * findings, {@link TransferRules#tenantFindings}) and the catalog. So after a subscription changes,
 * only the transfers that name it (when the evaluator reads something else of it now), or whose
 * tenant-dependent findings change, are evaluated again; after a request opens, changes or closes,
 * the others whose tenant-dependent findings change; all from the index ({@link TransferEntry}),
 * without reading the store.
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
        TenantSnapshot snapshot = new TenantSnapshot(tenant.tenantId(), tenant.counted(), tenant.countryCode(), entry.named(),
                tenant.openDuplications());
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
     *                          ({@link TransferRules#readsTheSame}); a status flip between counted
     *                          statuses, say, changes no finding of a transfer that names it
     */
    public void afterSubscriptionChange(TenantIndex tenant, HeldSubscription changed, boolean findingsMayDiffer,
                                        int countedBefore, String countryBefore, Instant now) {
        if (tenant.transfers().isEmpty()) {
            return; // most tenants: nothing to do
        }
        tenant.subscriptionChanged(changed);
        Map<String, Integer> open = tenant.openDuplications();
        for (TransferEntry t : List.copyOf(tenant.transfers())) {
            int others = TransferRules.otherOpenDuplications(t.request(), open);
            boolean affected = (findingsMayDiffer && t.names(changed.id()))
                    || !t.tenantFindings(countedBefore, countryBefore, others, policy())
                            .equals(t.tenantFindings(tenant.counted(), tenant.countryCode(), others, policy()));
            if (affected) {
                reevaluate(tenant, t, now);
            }
        }
    }

    /**
     * Re-evaluates the tenant's open transfers (other than {@code changedTransferId}, decided on its
     * own) whose outcome a change of the tenant's open DUPLICATE requests may have changed: one opened,
     * closed, or changed its method or line items. {@code before} is {@link TenantIndex#openDuplications}
     * before the change.
     */
    public void afterTransfersChanged(TenantIndex tenant, Map<String, Integer> before, String changedTransferId,
                                      Instant now) {
        Map<String, Integer> after = tenant.openDuplications();
        if (before.equals(after)) {
            return;
        }
        for (TransferEntry t : List.copyOf(tenant.transfers())) {
            if (t.transferId().equals(changedTransferId)) {
                continue;
            }
            boolean affected = !t.tenantFindings(tenant.counted(), tenant.countryCode(),
                            TransferRules.otherOpenDuplications(t.request(), before), policy())
                    .equals(t.tenantFindings(tenant.counted(), tenant.countryCode(),
                            TransferRules.otherOpenDuplications(t.request(), after), policy()));
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
