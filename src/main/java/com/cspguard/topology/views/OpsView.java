package com.cspguard.topology.views;

import com.cspguard.domain.Finding;
import com.fasterxml.jackson.annotation.JsonIgnore;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the operations page needs of one task, as its processor last saw it: built on the stream
 * thread from the in-memory indexes every few seconds ({@link OpsViewBuilder}) and read by HTTP
 * threads through {@link OpsViews}. Immutable, so a reader never sees the indexes move.
 *
 * @param generatedAt          when the stream thread built it
 * @param deadlinesGeneratedAt when its deadlines were made from the timer schedule (less often, see {@link OpsViewBuilder})
 * @param tenants              every tenant of the task, least headroom first
 * @param deadlines            the timers that will fire within the task's horizon, soonest day first
 * @param transfers   the open transfers with their last evaluation
 */
public record OpsView(String taskId, Instant generatedAt, Instant deadlinesGeneratedAt, List<TenantRow> tenants, List<DeadlineRow> deadlines,
                      List<TransferRow> transfers) {

    public OpsView {
        tenants = List.copyOf(tenants);
        deadlines = List.copyOf(deadlines);
        transfers = List.copyOf(transfers);
    }

    /**
     * One tenant's counters. {@code headroom} is threshold − counted (below 0: it can no longer be
     * moved whole by duplication), {@code roomToMaximum} maximum − counted (the real risk: a
     * duplication of more fails). {@code partners} hold its subscriptions, {@code targetPartners} are
     * the targets of its open transfers (both lower case): who besides the admin may see it, which is
     * no business of the caller, so they stay out of the answer.
     */
    public record TenantRow(String customerTenantId, String customerName, int countedSubscriptions, int headroom,
                            int roomToMaximum, int duplicationThreshold, int tenantMaximum, Map<String, Integer> byStatus,
                            @JsonIgnore Set<String> partners, @JsonIgnore Set<String> targetPartners) {
        public boolean visibleTo(String partner) {
            String p = partner.toLowerCase(java.util.Locale.ROOT);
            return partners.contains(p) || targetPartners.contains(p);
        }

        /** The row as {@code partner} may see it: the counts, and of the partner ids only its own. */
        public TenantRow forPartner(String partner) {
            String p = partner.toLowerCase(java.util.Locale.ROOT);
            return new TenantRow(customerTenantId, customerName, countedSubscriptions, headroom, roomToMaximum,
                    duplicationThreshold, tenantMaximum, byStatus, partners.contains(p) ? Set.of(p) : Set.of(),
                    targetPartners.contains(p) ? Set.of(p) : Set.of());
        }
    }

    /**
     * A timer that will fire, with what the subscription looks like now. {@code actBy} is the last
     * instant to act on it: for the grace timers the repurchase deadline (the grace period ending is
     * a reminder of it, not a deadline of its own), for {@code TERM_ENDING} (a reminder 7 days early)
     * the end of term itself, which {@code termEnd} also gives. {@code offerName} comes from the
     * subscription, else from the catalog; null when neither has one.
     */
    public record DeadlineRow(String customerTenantId, String subscriptionId, String offerId, String offerName,
                              String timerType, Instant dueAt, Instant actBy, Instant termEnd, String status,
                              boolean autoRenewEnabled, @JsonIgnore String partnerTenantId) {
        /** The subscription is held by {@code partner}: only then does a partner see its deadline. */
        public boolean heldBy(String partner) {
            return partner.equalsIgnoreCase(partnerTenantId);
        }
    }

    /** An open transfer and its last evaluation. */
    public record TransferRow(String customerTenantId, String transferId, String method, String sourcePartnerTenantId,
                              String targetPartnerTenantId, Instant requestedAt, Instant expiresAt, int revision,
                              String decision, Instant evaluatedAt, int countedSubscriptions, int projectedSubscriptions,
                              int tenantMaximum, List<Finding> findings) {
        /** {@code partner} is the transfer's source or target: only then does a partner see it. */
        public boolean involves(String partner) {
            return partner.equalsIgnoreCase(sourcePartnerTenantId) || partner.equalsIgnoreCase(targetPartnerTenantId);
        }
    }
}
