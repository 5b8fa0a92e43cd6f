package com.cspguard.topology;

import com.cspguard.testdata.SubscriptionEvents;
import com.cspguard.testdata.TransferRequests;
import com.cspguard.domain.Evaluation;
import com.cspguard.domain.GuardPolicy;
import com.cspguard.domain.HeldSubscription;
import com.cspguard.domain.Offer;
import com.cspguard.domain.OfferCatalog;
import com.cspguard.domain.OpenTransfer;
import com.cspguard.domain.TenantSnapshot;
import com.cspguard.domain.TransferEvaluator;
import com.cspguard.domain.TransferRules;
import com.cspguard.topology.config.GuardSettings;
import com.cspguard.topology.config.StoreNames;
import com.cspguard.topology.facts.FactStore;
import com.cspguard.topology.facts.SubscriptionFact;
import com.cspguard.topology.indexes.TenantIndex;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One rule, one place, proved on the stream: the stream evaluates an open transfer again only when
 * a change can alter its outcome ({@code TransferRules.tenantFindings}, {@code readsTheSame}, a
 * catalog change of an offer it names, another request opening or closing), and from what it keeps
 * in memory. Whatever the sequence of subscription events, requests (all three methods, competing
 * duplications), catalog changes and time passing, after every step the last decision of every open
 * transfer must have the outcome (decision, finding codes and subscriptions) that a full evaluation
 * from the committed facts gives. Small limits (maximum 7, at most 3 line items per partner transfer)
 * make every tenant-dependent finding flip often.
 */
class IncrementalDecisionProperties {
    private static final GuardPolicy POLICY = GuardPolicy.defaults().withLimits(7, 3)
            .withNewCommerce(Duration.ofDays(7), "ADMIN_AGENT", 3);
    private static final String[] STATUSES = {"active", "suspended", "expired", "pending", "deleted", "disabled"};
    private static final String[] END_DATES = {"2026-11-25", "2026-12-05", "2027-01-13", null};
    private static final String[] COUNTRIES = {null, "DE", "AT"};
    /** Two new-commerce offers and a legacy one (a GUID): PARTNER_TRANSFER_NOT_ELIGIBLE. */
    private static final String[] OFFERS = {"O:1", "O:2", "0f4a6e2b-1c3d-4e5f-8a9b-0c1d2e3f4a5b"};
    private static final String[] METHODS = {"DUPLICATE", "EXPIRE_AND_REPURCHASE", "PARTNER_TRANSFER"};
    private static final String[] ROLES = {"SALES_AGENT", "ADMIN_AGENT"};
    private static final Duration[] REFUNDABLE = {null, Duration.ofHours(-20), Duration.ofDays(2), Duration.ofDays(12)};
    private static final Duration[] STARTS = {null, Duration.ofDays(-200), Duration.ofDays(-3)};

    sealed interface Action permits Event, Request, Catalog, Advance { }

    record Event(int tenant, int sub, int status, int end, boolean autoRenew, int country, int offer, int refundable,
                 int start, int minutes) implements Action { }

    record Request(int tenant, int transfer, boolean open, int method, int subs, boolean tenantToTenant, int role,
                   int country) implements Action { }

    record Catalog(int offer, boolean available, int equivalent) implements Action { }

    record Advance(int hours) implements Action { }

    @Provide
    Arbitrary<Action> action() {
        Arbitrary<Action> event = Combinators.combine(
                        Arbitraries.integers().between(0, 1), Arbitraries.integers().between(0, 5),
                        Arbitraries.integers().between(0, STATUSES.length - 1),
                        Arbitraries.integers().between(0, END_DATES.length - 1),
                        Arbitraries.of(true, false), Arbitraries.integers().between(0, COUNTRIES.length - 1),
                        Arbitraries.integers().between(0, OFFERS.length - 1),
                        Arbitraries.integers().between(0, REFUNDABLE.length * STARTS.length * 100 - 1))
                .as((tenant, sub, status, end, autoRenew, country, offer, mix) -> new Event(tenant, sub, status, end,
                        autoRenew, country, offer, mix % REFUNDABLE.length, (mix / REFUNDABLE.length) % STARTS.length,
                        mix / (REFUNDABLE.length * STARTS.length) - 50));
        Arbitrary<Action> request = Combinators.combine(
                        Arbitraries.integers().between(0, 1), Arbitraries.integers().between(0, 2),
                        Arbitraries.of(true, true, true, false), Arbitraries.frequency(Tuple.of(3, 0), Tuple.of(1, 1), Tuple.of(1, 2)),
                        Arbitraries.integers().between(1, 63), Arbitraries.frequency(Tuple.of(5, false), Tuple.of(1, true)),
                        Arbitraries.integers().between(0, ROLES.length - 1),
                        Arbitraries.frequency(Tuple.of(5, 1), Tuple.of(1, 2)))
                .as(Request::new);
        Arbitrary<Action> catalog = Combinators.combine(Arbitraries.integers().between(0, OFFERS.length - 1),
                Arbitraries.of(true, false), Arbitraries.integers().between(-1, OFFERS.length - 1)).as(Catalog::new);
        Arbitrary<Action> advance = Arbitraries.integers().between(1, 24 * 12).map(Advance::new);
        return Arbitraries.frequencyOf(Tuple.of(10, event), Tuple.of(5, request), Tuple.of(1, catalog),
                Tuple.of(2, advance));
    }

    @Property(tries = 60)
    void theIncrementalDecisionEqualsAFullEvaluationAfterEveryStep(
            @ForAll @Size(min = 10, max = 80) List<@net.jqwik.api.From("action") Action> actions) {
        try (GuardDriver d = new GuardDriver(GuardSettings.defaults().withPolicy(POLICY))) {
            int step = 0;
            int compared = 0;
            java.util.Set<com.cspguard.domain.AlertCode> seen = java.util.EnumSet.noneOf(com.cspguard.domain.AlertCode.class);
            for (Action a : actions) {
                step++;
                if (a instanceof Event e) {
                    d.event(event(e, step));
                } else if (a instanceof Request r) {
                    d.request(request(r, d.wallClock()));
                } else if (a instanceof Catalog c) {
                    String status = c.available() ? "AVAILABLE" : "DISCONTINUED";
                    d.offer(c.equivalent() < 0 ? Fixtures.offer(OFFERS[c.offer()], status)
                            : Fixtures.offer(OFFERS[c.offer()], status, OFFERS[c.equivalent()]));
                } else if (a instanceof Advance v) {
                    d.advance(Duration.ofHours(v.hours()));
                }
                compared += assertDecisionsEqualAFullEvaluation(d, step, seen);
            }
            Statistics.label("open transfers compared").collect(compared == 0 ? "none" : compared < 20 ? "some" : "many");
            Statistics.label("competing transfers seen").collect(seen.contains(com.cspguard.domain.AlertCode.COMPETING_TRANSFERS));
            Statistics.label("cancellation not possible seen")
                    .collect(seen.contains(com.cspguard.domain.AlertCode.CANCELLATION_NOT_POSSIBLE));
        }
    }

    /** Compares every open transfer's last decision with a full evaluation from the facts; returns how many. */
    private static int assertDecisionsEqualAFullEvaluation(GuardDriver d, int step,
                                                           java.util.Set<com.cspguard.domain.AlertCode> seen) {
        FactStore facts = new FactStore(d.driver.getKeyValueStore(StoreNames.STATE));
        Map<String, List<SubscriptionFact>> subscriptions = new TreeMap<>();
        facts.forEachSubscription((tenant, f) -> subscriptions.computeIfAbsent(tenant, t -> new ArrayList<>()).add(f));
        Map<String, List<OpenTransfer>> transfers = new TreeMap<>();
        facts.forEachTransfer((tenant, t) -> transfers.computeIfAbsent(tenant, x -> new ArrayList<>()).add(t));
        Map<String, Offer> offers = new HashMap<>();
        facts.forEachOffer(offers::put);
        OfferCatalog catalog = OfferCatalog.of(offers);
        TransferEvaluator evaluator = new TransferEvaluator(POLICY);

        int compared = 0;
        for (Map.Entry<String, List<OpenTransfer>> tenant : transfers.entrySet()) {
            List<SubscriptionFact> subs = subscriptions.getOrDefault(tenant.getKey(), List.of());
            TenantIndex index = TenantIndex.of(tenant.getKey(), subs, List.of(), POLICY);
            Map<String, HeldSubscription> held = new HashMap<>();
            subs.forEach(f -> held.put(f.id(), f.held()));
            Map<String, Integer> open = new TreeMap<>();
            for (OpenTransfer t : tenant.getValue()) {
                int duplicated = TransferRules.duplicatedSubscriptions(t.request());
                if (duplicated > 0) {
                    open.put(t.request().transferId(), duplicated);
                }
            }
            TenantSnapshot snapshot = new TenantSnapshot(tenant.getKey(), index.counted(), index.countryCode(), held, open);
            for (OpenTransfer t : tenant.getValue()) {
                Evaluation full = evaluator.evaluate(snapshot, t.request(), catalog, d.wallClock());
                assertThat(full.outcomeDiffers(t.last()))
                        .as("step %d, transfer %s of %s: stored %s %s, full evaluation %s %s", step,
                                t.request().transferId(), tenant.getKey(), t.last().decision(), t.last().findings(),
                                full.decision(), full.findings())
                        .isFalse();
                compared++;
                full.findings().forEach(f -> seen.add(f.code()));
            }
        }
        return compared;
    }

    private static ObjectNode event(Event e, int step) {
        Instant at = GuardDriver.START.plus(Duration.ofMinutes(step * 10L + e.minutes()));
        // a null country, end date or start leaves the field out
        SubscriptionEvents json = Fixtures.events("tenant-" + e.tenant(), "s" + e.sub(), STATUSES[e.status()], at)
                .country(COUNTRIES[e.country()]).offer(OFFERS[e.offer()]).autoRenew(e.autoRenew())
                .commitmentEndDate(END_DATES[e.end()])
                .effectiveStartDate(STARTS[e.start()] == null ? null : GuardDriver.START.plus(STARTS[e.start()]).toString());
        if (REFUNDABLE[e.refundable()] != null) {
            json.refundableUntil(GuardDriver.START.plus(REFUNDABLE[e.refundable()]).toString());
        }
        return json.json();
    }

    /** Requested now (by the wall clock), so requests opened later expire later and their windows differ. */
    private static ObjectNode request(Request r, Instant now) {
        List<String> subs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            if ((r.subs() & (1 << i)) != 0) {
                subs.add("s" + i);
            }
        }
        TransferRequests json = Fixtures.requests("tenant-" + r.tenant(), "t" + r.transfer(), METHODS[r.method()],
                subs.toArray(String[]::new)).requestedAt(now).by("u-1", ROLES[r.role()])
                .to(TransferRequests.TARGET_PARTNER, COUNTRIES[r.country()]); // a null country is sent as null
        if (r.tenantToTenant()) {
            json.transferType("TENANT_TO_TENANT");
        }
        if (!r.open()) {
            json.status(r.method() == 0 ? "WITHDRAWN" : "COMPLETED");
        }
        return json.json();
    }
}
