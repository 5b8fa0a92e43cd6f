package com.cspguard.topology.indexes;

import com.cspguard.domain.GuardPolicy;
import com.cspguard.domain.HeldSubscription;
import com.cspguard.domain.OfferCatalog;
import com.cspguard.domain.OpenTransfer;
import com.cspguard.domain.SubscriptionStatus;
import com.cspguard.domain.TenantCounts;
import com.cspguard.topology.facts.LatestReport;
import com.cspguard.topology.facts.SubscriptionFact;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything the guard derives about one tenant from its facts, held in memory and never written to
 * Kafka: counters per status, the tenant's country, its repurchase index and its open transfers.
 * A subscription's new fact is applied as {@code remove(old)} then {@code add(new)}, O(1) whatever
 * the tenant's size. The tenant's country and {@code updatedAt} are maxima over values that only
 * grow per subscription, so they need no removal and equal a rebuild from the facts.
 */
public final class TenantIndex {
    private static final SubscriptionStatus[] STATUSES = SubscriptionStatus.values();

    private final String tenantId;
    private final OfferIds offerIds;
    private final int[] byStatus = new int[STATUSES.length];
    private int subscriptions;
    private int counted;
    private String country;
    private Instant countryAt;
    private LatestReport customerName = LatestReport.NONE;
    private Instant updatedAt;
    private OfferGains gains;
    private TreeMap<String, TransferEntry> transfers;
    /** How many of the tenant's subscriptions each partner holds: who may see the tenant (TenantAccess). */
    private TreeMap<String, Integer> partners;

    TenantIndex(String tenantId, OfferIds offerIds) {
        this.tenantId = tenantId;
        this.offerIds = offerIds;
    }

    /** The index of one tenant made from its facts alone, as a rebuild makes it; for queries. */
    public static TenantIndex of(String tenantId, Iterable<SubscriptionFact> facts, Iterable<OpenTransfer> transfers,
                                 GuardPolicy policy) {
        TenantIndex index = new TenantIndex(tenantId, new OfferIds());
        for (SubscriptionFact f : facts) {
            index.add(f, policy);
        }
        for (OpenTransfer t : transfers) {
            index.putTransfer(new TransferEntry(t));
        }
        return index;
    }

    public String tenantId() {
        return tenantId;
    }

    public void add(SubscriptionFact fact, GuardPolicy policy) {
        SubscriptionStatus status = fact.held().subscription().status();
        byStatus[status.ordinal()]++;
        subscriptions++;
        if (policy.counts(status)) {
            counted++;
        }
        if (fact.countryCode() != null && laterCountry(fact.countryAt(), fact.countryCode())) {
            country = fact.countryCode();
            countryAt = fact.countryAt();
        }
        customerName = customerName.merge(fact.customerName(), fact.nameAt());
        Instant at = fact.held().occurredAt();
        if (updatedAt == null || at.isAfter(updatedAt)) {
            updatedAt = at;
        }
        Instant purchased = fact.purchasedAt();
        if (purchased != null) {
            if (gains == null) {
                gains = new OfferGains();
            }
            gains.add(offerIds.number(fact.offerId()), purchased.toEpochMilli());
        }
        String partner = fact.held().partnerTenantId();
        if (partner != null && holds(status)) {
            if (partners == null) {
                partners = new TreeMap<>();
            }
            partners.merge(partner, 1, Integer::sum);
        }
    }

    public void remove(SubscriptionFact fact, GuardPolicy policy) {
        SubscriptionStatus status = fact.held().subscription().status();
        byStatus[status.ordinal()]--;
        subscriptions--;
        if (policy.counts(status)) {
            counted--;
        }
        Instant purchased = fact.purchasedAt();
        if (purchased != null && gains != null) {
            gains.remove(offerIds.number(fact.offerId()), purchased.toEpochMilli());
        }
        String partner = fact.held().partnerTenantId();
        if (partner != null && partners != null && holds(status)) {
            Integer left = partners.merge(partner, -1, Integer::sum);
            if (left != null && left <= 0) {
                partners.remove(partner);
            }
            if (partners.isEmpty()) {
                partners = null;
            }
        }
    }

    /**
     * A deleted subscription is no longer its partner's: a partner whose last subscription of the
     * tenant is deleted stops seeing the tenant (unless an open transfer targets it).
     */
    private static boolean holds(SubscriptionStatus status) {
        return status != SubscriptionStatus.DELETED;
    }

    /** The partners holding at least one of the tenant's subscriptions that is not deleted, in id order. */
    public java.util.Set<String> partnerIds() {
        return partners == null ? java.util.Set.of() : java.util.Collections.unmodifiableSet(partners.keySet());
    }

    /** The same order a rebuild uses: later report first, then the greater code, so ties are stable. */
    private boolean laterCountry(Instant at, String code) {
        if (countryAt == null || at.isAfter(countryAt)) {
            return true;
        }
        return at.equals(countryAt) && code.compareTo(country) > 0;
    }

    public int counted() {
        return counted;
    }

    public int subscriptions() {
        return subscriptions;
    }

    public String countryCode() {
        return country;
    }

    /** The customer's name as its subscriptions' events reported it last; null when none did. */
    public String customerName() {
        return customerName.value();
    }

    /** The counts as published and as the evaluator reads them. */
    public TenantCounts counts() {
        Map<String, Integer> statuses = new TreeMap<>();
        for (int i = 0; i < byStatus.length; i++) {
            if (byStatus[i] != 0) {
                statuses.put(STATUSES[i].wire(), byStatus[i]);
            }
        }
        return new TenantCounts(tenantId, counted, statuses, country, updatedAt);
    }

    /** A copy of the per-status counters, to see whether an event changed any. */
    public int[] statusCounts() {
        return byStatus.clone();
    }

    public boolean statusCountsDiffer(int[] before) {
        return !Arrays.equals(byStatus, before);
    }

    /**
     * True when the tenant holds a subscription that counted, of {@code offerId} or of an offer the
     * catalog lists as equivalent, bought after {@code termEnd} ({@link SubscriptionFact#purchasedAt}:
     * its start, not when the guard first saw it, so a backfill of long-held subscriptions repurchases
     * nothing, in whichever order the snapshots arrive).
     */
    public boolean repurchasedAfter(String offerId, Instant termEnd, OfferCatalog catalog) {
        if (gains == null || termEnd == null) {
            return false;
        }
        int same = offerIds.find(offerId);
        return gains.gainedAfter(termEnd.toEpochMilli(),
                n -> n == same || catalog.isSameOrEquivalent(offerId, offerIds.offer(n)));
    }

    // --- open transfers --------------------------------------------------------------------

    /** Starts tracking an open transfer; its named subscriptions follow with {@link #subscriptionChanged}. */
    public TransferEntry openTransfer(OpenTransfer open) {
        TransferEntry entry = new TransferEntry(open);
        putTransfer(entry);
        return entry;
    }

    void putTransfer(TransferEntry entry) {
        if (transfers == null) {
            transfers = new TreeMap<>();
        }
        transfers.put(entry.transferId(), entry);
    }

    public void removeTransfer(String transferId) {
        if (transfers != null) {
            transfers.remove(transferId);
            if (transfers.isEmpty()) {
                transfers = null;
            }
        }
    }

    public TransferEntry transfer(String transferId) {
        return transfers == null ? null : transfers.get(transferId);
    }

    /** The open transfers in transfer id order. */
    public Collection<TransferEntry> transfers() {
        return transfers == null ? List.of() : transfers.values();
    }

    /** A subscription's new snapshot reaches the open transfers that name it. */
    public void subscriptionChanged(HeldSubscription held) {
        if (transfers != null) {
            for (TransferEntry t : transfers.values()) {
                t.subscriptionChanged(held);
            }
        }
    }

    /**
     * The line items of each open DUPLICATE request, by transfer id: the room under the maximum they
     * compete for (COMPETING_TRANSFERS). Requests of the other methods duplicate nothing and are left out.
     */
    public Map<String, Integer> openDuplications() {
        if (transfers == null) {
            return Map.of();
        }
        Map<String, Integer> out = new TreeMap<>();
        for (TransferEntry t : transfers.values()) {
            if (t.duplications() > 0) {
                out.put(t.transferId(), t.duplications());
            }
        }
        return out;
    }

    public boolean inOpenTransfer(String subscriptionId) {
        if (transfers == null) {
            return false;
        }
        for (TransferEntry t : transfers.values()) {
            if (t.names(subscriptionId)) {
                return true;
            }
        }
        return false;
    }

    /** A comparable picture of everything derived, for tests that check a rebuild equals the live index. */
    public String describe() {
        return tenantId + " subs=" + subscriptions + " counted=" + counted + " byStatus=" + Arrays.toString(byStatus)
                + " country=" + country + "@" + countryAt + " updatedAt=" + updatedAt
                + " gains=" + (gains == null || gains.isEmpty() ? "{}" : describe(gains.snapshot(offerIds)))
                + " partners=" + (partners == null ? "{}" : partners.toString())
                + " transfers=" + (transfers == null ? "{}" : transfers.toString());
    }

    private static String describe(Map<String, long[]> m) {
        StringBuilder b = new StringBuilder("{");
        m.forEach((k, v) -> b.append(k).append('=').append(Arrays.toString(v)).append(';'));
        return b.append('}').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TenantIndex t && describe().equals(t.describe());
    }

    @Override
    public int hashCode() {
        return Objects.hash(tenantId, counted, subscriptions);
    }
}
