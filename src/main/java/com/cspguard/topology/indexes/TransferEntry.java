package com.cspguard.topology.indexes;

import com.cspguard.domain.HeldSubscription;
import com.cspguard.domain.OpenTransfer;
import com.cspguard.domain.TransferEvaluator;
import com.cspguard.domain.TransferRequest;
import com.cspguard.domain.TransferRequest.TransferMethod;

import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * An open transfer as the indexes hold it: its fact ({@link OpenTransfer}, as last written) and the
 * current snapshot of every subscription its line items name (from their facts). With both in
 * memory, evaluating the transfer again after a change of its tenant reads nothing from the store.
 * Both are rebuilt from the facts in {@code init()} like every other index.
 */
public final class TransferEntry {
    private OpenTransfer open;
    private Set<String> ids;
    private final Map<String, HeldSubscription> named = new TreeMap<>();

    TransferEntry(OpenTransfer open) {
        this.open = open;
        this.ids = ids(open.request());
    }

    private static Set<String> ids(TransferRequest request) {
        Set<String> out = new HashSet<>();
        for (TransferRequest.LineItem item : request.lineItems()) {
            out.add(item.subscriptionId());
        }
        return out;
    }

    public OpenTransfer open() {
        return open;
    }

    /** The fact was written again: keep the in-memory copy equal to it. */
    public void written(OpenTransfer fact) {
        if (!fact.request().lineItems().equals(open.request().lineItems())) {
            ids = ids(fact.request());
            named.keySet().retainAll(ids);
        }
        open = fact;
    }

    public TransferRequest request() {
        return open.request();
    }

    public String transferId() {
        return open.request().transferId();
    }

    /** The named subscriptions the tenant holds, by id (a named one it does not hold is absent). */
    public Map<String, HeldSubscription> named() {
        return Collections.unmodifiableMap(named);
    }

    /** Keeps the snapshot of a named subscription current. */
    public void subscriptionChanged(HeldSubscription held) {
        if (names(held.id())) {
            named.put(held.id(), held);
        }
    }

    public boolean names(String subscriptionId) {
        return ids.contains(subscriptionId);
    }

    public Set<String> subscriptionIds() {
        return Collections.unmodifiableSet(ids);
    }

    /** Whether the tenant limit finding holds with {@code counted} subscriptions. */
    public boolean overLimit(int counted, int tenantMaximum) {
        return open.request().method() == TransferMethod.DUPLICATE
                && counted + TransferEvaluator.duplicatedSubscriptions(open.request()) > tenantMaximum;
    }

    /** Whether the region finding holds with the tenant's country {@code country}. */
    public boolean regionMismatch(String country) {
        String target = open.request().targetPartnerCountryCode();
        return country != null && target != null && !country.equalsIgnoreCase(target);
    }

    @Override
    public String toString() {
        return open + " named=" + named;
    }
}
