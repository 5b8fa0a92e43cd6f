package com.cspguard.topology;

import com.cspguard.topology.config.StoreNames;
import com.cspguard.domain.GuardPolicy;
import com.cspguard.domain.TimerRules;
import com.cspguard.topology.facts.FactStore;
import com.cspguard.topology.indexes.GuardIndexes;
import com.cspguard.topology.indexes.TimerChains;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The design's invariant: whatever the sequence of events (repeats, stale snapshots, statuses and
 * end dates moving back and forth, transfers opened and closed, catalog changes, time passing), the
 * indexes the processor keeps in memory equal those rebuilt from scratch from its facts, and no
 * timer fires twice.
 */
class DerivedStateProperties {
    private static final String[] STATUSES = {"active", "suspended", "expired", "pending", "deleted", "disabled"};
    private static final String[] END_DATES = {"2026-10-01", "2026-11-20", "2026-12-05", "2027-01-13", null};
    private static final String[] COUNTRIES = {null, "DE", "AT"};
    private static final String[] OFFERS = {"O:1", "O:2", "O:3"};

    private static final String[] PARTNERS = {"partner-a", null, "Partner-B", "partner-a"};

    sealed interface Action permits Event, Repeat, Request, Catalog, Advance { }

    record Event(int tenant, int sub, int status, int end, boolean autoRenew, int country, int offer, int minutes)
            implements Action { }

    record Repeat(int which) implements Action { }

    record Request(int tenant, int transfer, boolean open, boolean duplicate, int subs) implements Action { }

    record Catalog(int offer, boolean available, int equivalent) implements Action { }

    record Advance(int hours) implements Action { }

    @Provide
    Arbitrary<Action> action() {
        Arbitrary<Action> event = Combinators.combine(
                Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 5),
                Arbitraries.integers().between(0, STATUSES.length - 1), Arbitraries.integers().between(0, END_DATES.length - 1),
                Arbitraries.of(true, false), Arbitraries.integers().between(0, COUNTRIES.length - 1),
                Arbitraries.integers().between(0, OFFERS.length - 1), Arbitraries.integers().between(-600, 600))
                .as(Event::new);
        Arbitrary<Action> repeat = Arbitraries.integers().between(0, 1000).map(Repeat::new);
        Arbitrary<Action> request = Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 1),
                Arbitraries.of(true, true, false), Arbitraries.of(true, false), Arbitraries.integers().between(1, 63))
                .as(Request::new);
        Arbitrary<Action> catalog = Combinators.combine(Arbitraries.integers().between(0, OFFERS.length - 1),
                Arbitraries.of(true, false), Arbitraries.integers().between(-1, OFFERS.length - 1)).as(Catalog::new);
        Arbitrary<Action> advance = Arbitraries.integers().between(1, 24 * 20).map(Advance::new);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(12, event), net.jqwik.api.Tuple.of(2, repeat), net.jqwik.api.Tuple.of(2, request),
                net.jqwik.api.Tuple.of(1, catalog), net.jqwik.api.Tuple.of(3, advance));
    }

    @Property(tries = 60)
    void indexesEqualARebuildFromTheFactsAndNoTimerFiresTwice(@ForAll @Size(min = 1, max = 120) List<@net.jqwik.api.From("action") Action> actions) {
        try (GuardDriver d = new GuardDriver()) {
            List<ObjectNode> sent = new ArrayList<>();
            int step = 0;
            for (Action a : actions) {
                step++;
                if (a instanceof Event e) {
                    ObjectNode json = event(e, step);
                    sent.add(json);
                    d.event(json);
                } else if (a instanceof Repeat r) {
                    if (!sent.isEmpty()) {
                        d.event(sent.get(r.which() % sent.size()));
                    }
                } else if (a instanceof Request r) {
                    d.request(request(r));
                } else if (a instanceof Catalog c) {
                    String status = c.available() ? "AVAILABLE" : "DISCONTINUED";
                    d.offer(c.equivalent() < 0 ? Fixtures.offer(OFFERS[c.offer()], status)
                            : Fixtures.offer(OFFERS[c.offer()], status, OFFERS[c.equivalent()]));
                } else if (a instanceof Advance v) {
                    d.advance(Duration.ofHours(v.hours()));
                }
            }
            assertIndexesEqualRebuild(d);
            Map<String, Integer> timerIds = new HashMap<>();
            for (JsonNode t : d.timers()) {
                timerIds.merge(t.get("timerId").asText(), 1, Integer::sum);
            }
            assertThat(timerIds).allSatisfy((id, n) -> assertThat(n).as("timer %s fired", id).isEqualTo(1));
        }
    }

    static void assertIndexesEqualRebuild(GuardDriver d) {
        GuardIndexes live = d.processor.indexes();
        KeyValueStore<String, byte[]> store = d.driver.getKeyValueStore(StoreNames.STATE);
        GuardPolicy policy = d.settings.policy();
        GuardIndexes rebuilt = new GuardIndexes(policy, new TimerChains(new TimerRules(policy)));
        rebuilt.rebuild(new FactStore(store), "test");
        java.util.Map<String, String> a = live.describe();
        java.util.Map<String, String> b = rebuilt.describe();
        for (String k : a.keySet()) {
            if (!a.get(k).equals(b.get(k))) {
                assertThat(a.get(k)).as("tenant %s", k).isEqualTo(b.get(k));
            }
        }
        assertThat(a).isEqualTo(b);
        assertThat(live.schedule().live()).as("current timers").isEqualTo(rebuilt.schedule().size());
    }

    private static ObjectNode event(Event e, int step) {
        Instant at = GuardDriver.START.plus(Duration.ofMinutes(step * 10L + e.minutes()));
        // the partner holding the subscription moves too (or is absent): the index counts who holds what
        String partner = PARTNERS[Math.floorMod(e.country() + e.sub() + e.minutes(), PARTNERS.length)];
        // a null country, partner or end date leaves the field out
        return Fixtures.events("tenant-" + e.tenant(), "s" + e.sub(), STATUSES[e.status()], at)
                .country(COUNTRIES[e.country()]).heldBy(partner).offer(OFFERS[e.offer()]).autoRenew(e.autoRenew())
                .commitmentEndDate(END_DATES[e.end()]).json();
    }

    private static ObjectNode request(Request r) {
        List<String> subs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            if ((r.subs() & (1 << i)) != 0) {
                subs.add("s" + i);
            }
        }
        return Fixtures.requests("tenant-" + r.tenant(), "t" + r.transfer(), r.duplicate() ? "DUPLICATE" : "EXPIRE_AND_REPURCHASE",
                subs.toArray(String[]::new)).status(r.open() ? "REQUESTED" : "WITHDRAWN").json();
    }
}
