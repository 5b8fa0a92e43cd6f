package com.cspguard.domain;

import java.util.ArrayList;

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
 * @param history    the decisions emitted so far, oldest first, at most {@value #HISTORY_KEPT}: what the
 *                   operations page shows of a transfer's past without reading the output topic
 */
public record OpenTransfer(TransferRequest request, int revision, Evaluation last, Set<String> alertIds, Instant expiresAt,
                           List<PastDecision> history) {

    public static final int HISTORY_KEPT = 20;

    /** One decision emitted for the transfer: its revision, outcome and the codes of its findings. */
    public record PastDecision(int revision, Decision decision, Instant evaluatedAt, List<AlertCode> findings) {
        public PastDecision {
            findings = findings == null ? List.of() : List.copyOf(findings);
        }
    }

    public OpenTransfer {
        alertIds = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(alertIds)); // one order, in memory and stored
        history = history == null ? List.of() : List.copyOf(history); // none in facts written before it was kept
    }

    public OpenTransfer(TransferRequest request, int revision, Evaluation last, Set<String> alertIds, Instant expiresAt) {
        this(request, revision, last, alertIds, expiresAt, List.of());
    }

    public boolean names(String subscriptionId) {
        return request.lineItems().stream().anyMatch(i -> i.subscriptionId().equals(subscriptionId));
    }

    /** The same transfer with a new version of its request, nothing decided anew. */
    public OpenTransfer withRequest(TransferRequest newRequest) {
        return new OpenTransfer(newRequest, revision, last, alertIds, expiresAt, history);
    }

    public OpenTransfer next(TransferRequest newRequest, Evaluation evaluation, List<String> newAlertIds) {
        Set<String> ids = new TreeSet<>(alertIds);
        ids.addAll(newAlertIds);
        List<PastDecision> past = new ArrayList<>(history);
        past.add(new PastDecision(revision + 1, evaluation.decision(), evaluation.evaluatedAt(),
                evaluation.findings().stream().map(Finding::code).toList()));
        if (past.size() > HISTORY_KEPT) {
            past = past.subList(past.size() - HISTORY_KEPT, past.size());
        }
        return new OpenTransfer(newRequest, revision + 1, evaluation, ids, expiresAt, past);
    }
}
