package com.cspguard.domain.planning;

import com.cspguard.domain.Channel;
import com.cspguard.domain.CommerceType;
import com.cspguard.domain.GuardPolicy;
import com.cspguard.domain.HeldSubscription;
import com.cspguard.domain.Offer;
import com.cspguard.domain.OfferCatalog;
import com.cspguard.domain.Subscription;
import com.cspguard.domain.SubscriptionStatus;
import com.cspguard.domain.TenantSnapshot;
import com.cspguard.domain.TransferRequest.RequestedBy;
import com.cspguard.domain.TransferRequest.TransferType;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tenants, requests and catalogs for the planner tests. Today is 2026-12-01. {@link #sub} makes legacy
 * subscriptions (the guide's rules, which the first tests are about); {@link #nce} new-commerce ones.
 */
final class PlanFixtures {
    private PlanFixtures() { }

    static final String TENANT = "4cfba01c-0000-4000-8000-000000000001";
    static final String TARGET = "77aa01c2-0000-4000-8000-00000000000b";
    static final LocalDate TODAY = LocalDate.of(2026, 12, 1);
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T09:30:00Z"), ZoneOffset.UTC);
    static final String OFFER = "CFQ7TTC0LH18:0001";
    static final GuardPolicy POLICY = GuardPolicy.defaults();
    static final TransferPlanner PLANNER = new TransferPlanner(POLICY, PlannerSettings.defaults());

    static HeldSubscription sub(String id, LocalDate endDate) {
        return sub(id, endDate, 10, true, SubscriptionStatus.ACTIVE, OFFER);
    }

    static final String SOURCE = "bf8c56ab-0000-4000-8000-00000000000a";

    static HeldSubscription sub(String id, LocalDate endDate, int quantity, boolean autoRenew,
                                SubscriptionStatus status, String offer) {
        Subscription s = new Subscription(id, offer, "Offer " + offer, quantity, status, autoRenew,
                Instant.parse("2026-01-14T00:00:00Z"), endDate, null, "P1Y", "monthly", false,
                CommerceType.LEGACY, null);
        return new HeldSubscription("evt-" + id, Instant.parse("2026-11-01T00:00:00Z"), Channel.CSP, SOURCE, s);
    }

    /**
     * A new-commerce subscription of {@code partner} (null: bought DIRECT) whose current term started on
     * {@code termStart} (its cancellation window is the 7 days after) and ends on {@code endDate}.
     */
    static HeldSubscription nce(String id, LocalDate endDate, String partner, LocalDate termStart) {
        Subscription s = new Subscription(id, OFFER, "Offer " + OFFER, 10, SubscriptionStatus.ACTIVE, true,
                termStart.atStartOfDay().toInstant(ZoneOffset.UTC), endDate, null, "P1Y", "monthly", false,
                CommerceType.NEW_COMMERCE, null);
        return new HeldSubscription("evt-" + id, Instant.parse("2026-11-01T00:00:00Z"),
                partner == null ? Channel.DIRECT : Channel.CSP, partner, s);
    }

    static HeldSubscription nce(String id, LocalDate endDate) {
        return nce(id, endDate, SOURCE, LocalDate.of(2026, 1, 14));
    }

    /** {@code n} subscriptions {@code prefix-000 …}, all ending on {@code end}. */
    static List<HeldSubscription> subs(String prefix, int n, LocalDate end) {
        List<HeldSubscription> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(sub(String.format("%s-%03d", prefix, i), end));
        }
        return out;
    }

    /** A DE tenant counting every subscription in a counted status among {@code subs}, plus {@code others}. */
    static TenantSnapshot tenant(int others, List<HeldSubscription> subs) {
        Map<String, HeldSubscription> byId = new LinkedHashMap<>();
        subs.forEach(s -> byId.put(s.id(), s));
        int counted = (int) subs.stream().filter(s -> POLICY.counts(s.subscription().status())).count();
        return new TenantSnapshot(TENANT, counted + others, "DE", byId);
    }

    static TenantSnapshot tenant(HeldSubscription... subs) {
        return tenant(0, Arrays.asList(subs));
    }

    static PlanRequest request(LocalDate start, LocalDate deadline, String... ids) {
        return new PlanRequest(TENANT, TARGET, "DE", new RequestedBy("u-1", "SALES_AGENT"),
                TransferType.PARTNER_TO_PARTNER, List.of(ids), start, deadline);
    }

    static PlanRequest withType(PlanRequest r, TransferType type, Integer targetCounted) {
        return new PlanRequest(r.customerTenantId(), r.targetPartnerTenantId(), r.targetPartnerCountryCode(),
                r.requestedBy(), type, r.subscriptionIds(), r.startDate(), r.deadline(), targetCounted);
    }

    static PlanRequest withRole(PlanRequest r, String role) {
        return new PlanRequest(r.customerTenantId(), r.targetPartnerTenantId(), r.targetPartnerCountryCode(),
                new RequestedBy("u-1", role), r.transferType(), r.subscriptionIds(), r.startDate(), r.deadline());
    }

    static OfferCatalog catalog(Offer... offers) {
        Map<String, Offer> byId = new LinkedHashMap<>();
        for (Offer o : offers) {
            byId.put(o.offerId(), o);
        }
        return OfferCatalog.of(byId);
    }

    static TransferPlan plan(TenantSnapshot tenant, PlanRequest request) {
        return PLANNER.plan(tenant, request, OfferCatalog.empty(), CLOCK);
    }

    static List<PlanStep> steps(TransferPlan plan, StepType type) {
        return plan.steps().stream().filter(s -> s.type() == type).toList();
    }

    static PlannedSubscription planned(TransferPlan plan, String id) {
        return plan.subscriptions().stream().filter(p -> p.subscriptionId().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError(id + " is not planned"));
    }
}
