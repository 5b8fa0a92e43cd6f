package com.cspguard.domain;

import com.cspguard.domain.TransferRequest.LineItem;
import com.cspguard.domain.TransferRequest.RequestedBy;
import com.cspguard.domain.TransferRequest.TransferMethod;
import com.cspguard.domain.TransferRequest.TransferStatus;
import com.cspguard.domain.TransferRequest.TransferType;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Domain objects for the evaluator tests. The defaults form a request that raises no finding at
 * all, so that each test changes exactly the one thing its rule is about.
 */
final class DomainFixtures {
    private DomainFixtures() { }

    static final String TENANT = "4cfba01c-0000-4000-8000-000000000001";
    static final String SOURCE_PARTNER = "bf8c56ab-0000-4000-8000-00000000000a";
    static final String TARGET_PARTNER = "77aa01c2-0000-4000-8000-00000000000b";
    static final Instant REQUESTED_AT = Instant.parse("2026-11-23T10:15:30Z");
    static final Instant NOW = REQUESTED_AT.plusSeconds(5);

    static final String OFFER = "CFQ7TTC0LH18:0001";
    static final String EQUIVALENT = "CFQ7TTC0LDPB:0001";
    static final String OTHER_OFFER = "CFQ7TTC0LF8R:0001";

    /** Ends well within the 30-day refund window of {@link #REQUESTED_AT}. */
    static final LocalDate SOON = LocalDate.of(2026, 12, 10);

    static final GuardPolicy POLICY = GuardPolicy.defaults();
    static final TransferEvaluator EVALUATOR = new TransferEvaluator(POLICY);

    static Sub sub(String id) {
        return new Sub(id);
    }

    static Req request(String... subscriptionIds) {
        Req r = new Req();
        for (String id : subscriptionIds) {
            r.item(id);
        }
        return r;
    }

    /** A tenant in DE that counts exactly the given subscriptions. */
    static TenantSnapshot tenant(HeldSubscription... subs) {
        return tenant(subs.length, "DE", subs);
    }

    static TenantSnapshot tenant(int counted, String country, HeldSubscription... subs) {
        return tenant(counted, country, Arrays.asList(subs));
    }

    static TenantSnapshot tenant(int counted, String country, List<HeldSubscription> subs) {
        Map<String, HeldSubscription> byId = new LinkedHashMap<>();
        subs.forEach(s -> byId.put(s.id(), s));
        return new TenantSnapshot(TENANT, counted, country, byId);
    }

    /** {@code n} default subscriptions {@code s-0 … s-(n-1)}. */
    static List<HeldSubscription> subs(int n) {
        List<HeldSubscription> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(sub("s-" + i).build());
        }
        return out;
    }

    static String[] ids(int n) {
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            out[i] = "s-" + i;
        }
        return out;
    }

    static Offer offer(String id, Offer.OfferStatus status, String... equivalents) {
        return new Offer(id, "Offer " + id, status, List.of(equivalents));
    }

    static OfferCatalog catalog(Offer... offers) {
        Map<String, Offer> byId = new LinkedHashMap<>();
        for (Offer o : offers) {
            byId.put(o.offerId(), o);
        }
        return OfferCatalog.of(byId);
    }

    static Evaluation evaluate(TenantSnapshot tenant, Req request) {
        return evaluate(tenant, request, OfferCatalog.empty());
    }

    static Evaluation evaluate(TenantSnapshot tenant, Req request, OfferCatalog catalog) {
        return EVALUATOR.evaluate(tenant, request.build(), catalog, NOW);
    }

    static List<AlertCode> codes(Evaluation e) {
        return e.findings().stream().map(Finding::code).toList();
    }

    static Finding finding(Evaluation e, AlertCode code) {
        return e.findings().stream().filter(f -> f.code() == code).findFirst()
                .orElseThrow(() -> new AssertionError("no " + code + " in " + codes(e)));
    }

    /**
     * Builder of one held subscription; defaults: CSP, active, no autorenew, 15 licences, ends {@link #SOON},
     * new commerce (catalog-style offer id) still cancellable at the request: refundable until two days after it.
     */
    static final class Sub {
        private final String id;
        private String offerId = OFFER;
        private Integer quantity = 15;
        private SubscriptionStatus status = SubscriptionStatus.ACTIVE;
        private boolean autoRenew;
        private LocalDate endDate = SOON;
        private Instant endDateTime;
        private Channel channel = Channel.CSP;
        private CommerceType commerceType;
        private Instant start = Instant.parse("2026-01-14T00:00:00Z");
        private Instant refundableUntil = REQUESTED_AT.plus(Duration.ofDays(2));

        Sub(String id) {
            this.id = id;
        }

        Sub offer(String v) { offerId = v; return this; }
        Sub quantity(Integer v) { quantity = v; return this; }
        Sub status(SubscriptionStatus v) { status = v; return this; }
        Sub autoRenew(boolean v) { autoRenew = v; return this; }
        Sub endDate(LocalDate v) { endDate = v; return this; }
        Sub endDateTime(Instant v) { endDateTime = v; return this; }
        Sub channel(Channel v) { channel = v; return this; }
        /** Null: derived from the offer id (catalog-style ids are new commerce). */
        Sub commerce(CommerceType v) { commerceType = v; return this; }
        Sub start(Instant v) { start = v; return this; }
        /** Null: not reported, the window runs from the start of the current term. */
        Sub refundableUntil(Instant v) { refundableUntil = v; return this; }

        /** Only the exact instant, as when Partner Center sends {@code commitmentEndDateTime}. */
        Sub endsAt(Instant v) { endDate = null; endDateTime = v; return this; }

        HeldSubscription build() {
            Subscription s = new Subscription(id, offerId, "Offer " + offerId, quantity, status, autoRenew,
                    start, endDate, endDateTime, "P1Y", "monthly", false, commerceType, refundableUntil);
            return new HeldSubscription("evt-" + id, REQUESTED_AT.minus(Duration.ofDays(1)), channel,
                    channel == Channel.DIRECT ? null : SOURCE_PARTNER, s);
        }
    }

    /** Builder of one request; defaults: partner-to-partner DUPLICATE by a sales agent, to a DE partner. */
    static final class Req {
        private String transferId = "t-1";
        private Instant requestedAt = REQUESTED_AT;
        private TransferType type = TransferType.PARTNER_TO_PARTNER;
        private TransferMethod method = TransferMethod.DUPLICATE;
        private String targetCountry = "DE";
        private RequestedBy requestedBy = new RequestedBy("u-1", "SALES_AGENT");
        private boolean delegatedAdminAccess;
        private final List<LineItem> items = new ArrayList<>();

        Req item(String subscriptionId) { return item(subscriptionId, null, null); }
        Req item(String subscriptionId, String targetOfferId, Integer quantity) {
            items.add(new LineItem(subscriptionId, targetOfferId, quantity));
            return this;
        }
        Req transferId(String v) { transferId = v; return this; }
        Req requestedAt(Instant v) { requestedAt = v; return this; }
        Req type(TransferType v) { type = v; return this; }
        Req method(TransferMethod v) { method = v; return this; }
        Req targetCountry(String v) { targetCountry = v; return this; }
        Req role(String v) { requestedBy = new RequestedBy("u-1", v); return this; }
        Req requestedBy(RequestedBy v) { requestedBy = v; return this; }
        Req delegatedAdminAccess(boolean v) { delegatedAdminAccess = v; return this; }

        TransferRequest build() {
            return new TransferRequest(transferId, requestedAt, TENANT, TransferStatus.REQUESTED, type, method,
                    SOURCE_PARTNER, TARGET_PARTNER, targetCountry, requestedBy, delegatedAdminAccess, items);
        }
    }
}
