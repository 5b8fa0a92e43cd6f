package com.cspguard.topology.indexes;

import com.cspguard.domain.AlertCode;
import com.cspguard.domain.Evaluation;
import com.cspguard.domain.Finding;
import com.cspguard.domain.GuardPolicy;
import com.cspguard.domain.HeldSubscription;
import com.cspguard.domain.OpenTransfer;
import com.cspguard.domain.TransferRequest;
import com.cspguard.domain.TransferRules;

import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * An open transfer as the indexes hold it: its request, revision and expiry, the outcome of its
 * last decision (decision and findings without their texts), and what the evaluator reads of each
 * subscription its line items name. With these in memory, evaluating the transfer again after a
 * change of its tenant reads nothing from the store; the fact itself (with the texts and the alert
 * ids already announced) is read only when the outcome changes. Rebuilt from the facts in
 * {@code init()} like every other index.
 */
public final class TransferEntry {
    private TransferRequest request;
    private boolean requestUnwritten;
    private int revision;
    private Evaluation last;
    private Instant expiresAt;
    private Set<String> ids;
    private final Map<String, HeldSubscription> named = new TreeMap<>();

    TransferEntry(OpenTransfer open) {
        written(open);
    }

    /** The fact was written (or read at a rebuild): the entry follows it. */
    public void written(OpenTransfer fact) {
        if (request == null || !fact.request().lineItems().equals(request.lineItems())) {
            ids = idsOf(fact.request());
            named.keySet().retainAll(ids);
        }
        request = fact.request();
        requestUnwritten = false;
        revision = fact.revision();
        last = outcomeOf(fact.last());
        expiresAt = fact.expiresAt();
    }

    /** A new version of the request arrived; it is evaluated before it is written. */
    public void requested(TransferRequest newRequest) {
        if (!newRequest.lineItems().equals(request.lineItems())) {
            ids = idsOf(newRequest);
            named.keySet().retainAll(ids);
        }
        requestUnwritten = !newRequest.equals(request) || requestUnwritten;
        request = newRequest;
    }

    public TransferRequest request() {
        return request;
    }

    /** True when the request changed since the fact was last written. */
    public boolean requestUnwritten() {
        return requestUnwritten;
    }

    public String transferId() {
        return request.transferId();
    }

    /** Revision of the last decision; 0 before the first. */
    public int revision() {
        return revision;
    }

    /** The last decision's outcome: decision, counts and findings without their messages. */
    public Evaluation last() {
        return last;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    /** What the evaluator reads of the named subscriptions the tenant holds, and their partners, by id. */
    public Map<String, HeldSubscription> named() {
        return Collections.unmodifiableMap(named);
    }

    /**
     * Keeps the snapshot of a named subscription current: what the evaluator reads of it, and the
     * partner holding it, which the operations view shows as the transfer's source when the request
     * names none (so building the view reads no fact per open transfer).
     */
    public void subscriptionChanged(HeldSubscription held) {
        if (names(held.id())) {
            HeldSubscription read = TransferRules.readByTheEvaluator(held);
            named.put(held.id(), new HeldSubscription(null, null, read.channel(), held.partnerTenantId(), read.subscription()));
        }
    }

    public boolean names(String subscriptionId) {
        return ids.contains(subscriptionId);
    }

    public Set<String> subscriptionIds() {
        return Collections.unmodifiableSet(ids);
    }

    /**
     * The findings of this transfer that depend on the tenant rather than on its subscriptions, with
     * the tenant's counted subscriptions, country and the line items of its other open DUPLICATE
     * requests: the evaluator's own rule ({@link TransferRules#tenantFindings}), so that a change which
     * leaves them (and the named subscriptions) alone is known not to change the outcome.
     */
    public Set<AlertCode> tenantFindings(int counted, String country, int otherDuplications, GuardPolicy policy) {
        return TransferRules.tenantFindings(request, counted, country, otherDuplications, policy);
    }

    /** The line items this transfer would duplicate (0 unless its method is DUPLICATE). */
    public int duplications() {
        return TransferRules.duplicatedSubscriptions(request);
    }

    private static Set<String> idsOf(TransferRequest request) {
        Set<String> out = new HashSet<>();
        for (TransferRequest.LineItem item : request.lineItems()) {
            out.add(item.subscriptionId());
        }
        return out;
    }

    /**
     * An evaluation without the findings' messages (texts with numbers and ids, built anew for every
     * evaluation): enough to tell whether a new one differs, and for the operations view. The
     * remediations are kept; nearly all are constants shared by every finding of their code.
     */
    private static Evaluation outcomeOf(Evaluation e) {
        if (e == null) {
            return null;
        }
        List<Finding> findings = e.findings().stream()
                .map(f -> new Finding(f.code(), f.severity(), f.subscriptionIds(), "", f.remediation())).toList();
        return new Evaluation(e.transferId(), e.customerTenantId(), e.decision(), e.evaluatedAt(), e.countedSubscriptions(),
                e.duplicatedSubscriptions(), e.projectedSubscriptions(), e.tenantMaximum(), e.duplicationThreshold(), findings,
                e.otherOpenDuplications(), e.competingTransferIds());
    }

    @Override
    public String toString() {
        return request + " revision=" + revision + " last=" + last + " expiresAt=" + expiresAt
                + " unwritten=" + requestUnwritten + " named=" + named;
    }
}
