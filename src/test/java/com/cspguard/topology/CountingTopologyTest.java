package com.cspguard.topology;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static com.cspguard.topology.Fixtures.TENANT;
import static com.cspguard.topology.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

class CountingTopologyTest {
    private final GuardDriver d = new GuardDriver();

    @AfterEach
    void close() {
        d.close();
    }

    @Test
    void countsActivePendingAndSuspendedButNotOtherStatuses() {
        String[] statuses = {"active", "pending", "suspended", "expired", "disabled", "deleted", "none"};
        for (int i = 0; i < statuses.length; i++) {
            d.event(event(TENANT, "s" + i, statuses[i], GuardDriver.START));
            d.flushCounts(); // each change in its own commit interval: one record each
        }
        List<JsonNode> counts = d.counts();
        assertThat(counts).hasSize(statuses.length);
        JsonNode last = counts.get(counts.size() - 1);
        assertThat(last.get("customerTenantId").asText()).isEqualTo(TENANT);
        assertThat(last.get("countedSubscriptions").asInt()).isEqualTo(3);
        assertThat(last.get("headroom").asInt()).isEqualTo(147);
        assertThat(last.get("duplicationThreshold").asInt()).isEqualTo(150);
        assertThat(last.get("tenantMaximum").asInt()).isEqualTo(300);
        for (String s : statuses) {
            assertThat(last.get("byStatus").get(s).asInt()).as(s).isEqualTo(1);
        }
        assertThat(last.get("updatedAt").asText()).isEqualTo(GuardDriver.START.toString());
    }

    @Test
    void statusChangeMovesTheCountAndEmitsOnlyOnChange() {
        d.event(event(TENANT, "s1", "active", GuardDriver.START));
        d.flushCounts();
        d.event(event(TENANT, "s1", "active", GuardDriver.START.plusSeconds(1))); // renewal-like, same status
        d.flushCounts();
        d.event(event(TENANT, "s1", "expired", GuardDriver.START.plusSeconds(2)));
        List<JsonNode> counts = d.counts();
        assertThat(counts).hasSize(2);
        assertThat(counts.get(1).get("countedSubscriptions").asInt()).isZero();
        assertThat(counts.get(1).get("byStatus").get("expired").asInt()).isEqualTo(1);
        assertThat(counts.get(1).get("byStatus").has("active")).isFalse();
    }

    @Test
    void repeatedEventIdIsIgnored() {
        ObjectNode e = event(TENANT, "s1", "active", GuardDriver.START);
        d.event(e);
        d.flushCounts();
        ObjectNode again = e.deepCopy();
        again.put("occurredAt", GuardDriver.START.plusSeconds(5).toString());
        Fixtures.sub(again).put("status", "expired");
        d.event(again);
        assertThat(d.counts()).hasSize(1);
        assertThat(d.metrics.ignored).containsEntry("duplicate-event-id", 1);
    }

    @Test
    void aRepeatIsIgnoredHoweverLateItComes() {
        ObjectNode e = event(TENANT, "s1", "active", GuardDriver.START);
        d.event(e);
        d.advance(Duration.ofDays(30));
        ObjectNode again = e.deepCopy();
        again.put("occurredAt", GuardDriver.START.plus(Duration.ofDays(30)).toString());
        Fixtures.sub(again).put("status", "expired");
        d.event(again);
        assertThat(d.counts()).hasSize(1);
        assertThat(d.metrics.ignored).containsEntry("duplicate-event-id", 1);
    }

    @Test
    void aRepeatOfAnyOfTheLastFourEventsIsIgnoredEvenWithTheSameTime() {
        // four events of one subscription at the very same instant: only ids tell them apart
        String[] statuses = {"active", "suspended", "active", "expired"};
        List<ObjectNode> sent = new java.util.ArrayList<>();
        for (String status : statuses) {
            ObjectNode e = event(TENANT, "s1", status, GuardDriver.START);
            d.event(e);
            d.flushCounts();
            sent.add(e);
        }
        assertThat(d.counts()).hasSize(4);
        for (ObjectNode e : sent) {
            d.event(e.deepCopy());
        }
        assertThat(d.counts()).as("no repeat changed the counters").isEmpty();
        assertThat(d.metrics.ignored).containsEntry("duplicate-event-id", 4);
    }

    @Test
    void theSameEventIdForAnotherSubscriptionIsAnotherEvent() {
        ObjectNode e = event(TENANT, "s1", "active", GuardDriver.START);
        d.event(e);
        d.flushCounts();
        ObjectNode other = e.deepCopy();
        Fixtures.sub(other).put("id", "s2");
        d.event(other);
        List<JsonNode> counts = d.counts();
        assertThat(counts).hasSize(2);
        assertThat(counts.get(1).get("countedSubscriptions").asInt()).isEqualTo(2);
    }

    @Test
    void olderSnapshotIsIgnored() {
        d.event(event(TENANT, "s1", "expired", GuardDriver.START));
        d.flushCounts();
        d.event(event(TENANT, "s1", "active", GuardDriver.START.minusSeconds(60)));
        List<JsonNode> counts = d.counts();
        assertThat(counts).hasSize(1);
        assertThat(counts.get(0).get("countedSubscriptions").asInt()).isZero();
        assertThat(d.metrics.ignored).containsEntry("stale-snapshot", 1);
    }

    @Test
    void snapshotWithTheSameTimeIsApplied() {
        d.event(event(TENANT, "s1", "active", GuardDriver.START));
        d.flushCounts();
        d.event(event(TENANT, "s1", "suspended", GuardDriver.START));
        assertThat(d.counts()).hasSize(2);
    }

    @Test
    void tenantsAreCountedApart() {
        d.event(event(TENANT, "s1", "active", GuardDriver.START));
        d.event(event("other-tenant", "s1", "active", GuardDriver.START));
        List<JsonNode> counts = d.counts();
        assertThat(counts).extracting(c -> c.get("countedSubscriptions").asInt()).containsExactly(1, 1);
    }

    @Test
    void anEventCostsOneReadAndOneWriteOfItsFactWhateverTheTenantSize() {
        for (int i = 0; i < 200; i++) {
            d.event(event(TENANT, "s" + i, i % 2 == 0 ? "active" : "expired", GuardDriver.START));
        }
        for (int i = 0; i < 200; i++) {
            d.event(event(TENANT, "s" + i, i % 2 == 0 ? "suspended" : "active", GuardDriver.START.plusSeconds(1)));
        }
        // The fact is read and written; counters, timers and the repurchase index are derived in memory.
        // A new subscription is not read: the presence filter made in init() knows the store lacks it.
        assertThat(d.metrics.reads).hasSize(400);
        assertThat(d.metrics.reads.subList(0, 200)).containsOnly(0);
        assertThat(d.metrics.reads.subList(200, 400)).containsOnly(1);
        assertThat(d.metrics.writes).hasSize(400).containsOnly(1);
    }
}
