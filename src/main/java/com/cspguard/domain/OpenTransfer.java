package com.cspguard.domain;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A transfer request that is still open, with what was last said about it.
 *
 * @param revision   revision of the last decision emitted
 * @param last       the last evaluation emitted
 * @param alertIds   every alert id emitted for this transfer, so that no finding is announced twice
 * @param expiresAt  when the request closes as expired
 */
public record OpenTransfer(TransferRequest request, int revision, Evaluation last, Set<String> alertIds, Instant expiresAt) {

    public OpenTransfer {
        alertIds = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(alertIds)); // one order, in memory and stored
    }

    public boolean names(String subscriptionId) {
        return request.lineItems().stream().anyMatch(i -> i.subscriptionId().equals(subscriptionId));
    }

    public OpenTransfer next(TransferRequest newRequest, Evaluation evaluation, List<String> newAlertIds) {
        Set<String> ids = new TreeSet<>(alertIds);
        ids.addAll(newAlertIds);
        return new OpenTransfer(newRequest, revision + 1, evaluation, ids, expiresAt);
    }
}
