package com.cspguard.topology;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static com.cspguard.topology.Fixtures.TENANT;
import static com.cspguard.topology.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The counts output coalesced per commit interval (contract: "changes within one commit interval may
 * come as one record with the latest values, never later than the next commit"), and the rule that
 * keeps it exact across a crash: after every init() each tenant's counts go out once more.
 */
class CoalescedCountsTopologyTest {
    private static final String OTHER = "4cfba01c-0000-4000-8000-000000000002";
    private final GuardDriver d = new GuardDriver();

    @AfterEach
    void close() {
        d.close();
    }

    private static Map<String, JsonNode> lastByTenant(List<JsonNode> counts) {
        Map<String, JsonNode> last = new TreeMap<>();
        counts.forEach(c -> last.put(c.get("customerTenantId").asText(), c));
        return last;
    }

    @Test
    void eventsOfOneTenantWithinAnIntervalGiveOneRecordWithTheLatestValues() {
        String[] statuses = {"active", "active", "suspended", "expired", "pending", "active"};
        for (int i = 0; i < statuses.length; i++) {
            d.event(event(TENANT, "s" + i, statuses[i], GuardDriver.START.plusSeconds(i)));
        }
        d.event(event(TENANT, "s3", "active", GuardDriver.START.plusSeconds(10))); // expired -> active
        assertThat(d.countsSentSoFar()).as("nothing before the flush").isEmpty();

        List<JsonNode> counts = d.counts();
        assertThat(counts).hasSize(1);
        JsonNode c = counts.get(0);
        assertThat(c.get("countedSubscriptions").asInt()).isEqualTo(6);
        assertThat(c.get("byStatus").get("active").asInt()).isEqualTo(4);
        assertThat(c.get("byStatus").get("suspended").asInt()).isEqualTo(1);
        assertThat(c.get("byStatus").get("pending").asInt()).isEqualTo(1);
        assertThat(c.get("byStatus").has("expired")).isFalse();
        assertThat(c.get("updatedAt").asText()).isEqualTo(GuardDriver.START.plusSeconds(10).toString());
        assertThat(d.counts()).as("sent once, not again at the next flush").isEmpty();
    }

    @Test
    void eachChangedTenantGetsItsOwnRecordAtTheFlushAndUnchangedOnesNone() {
        d.event(event(TENANT, "s1", "active", GuardDriver.START));
        d.event(event(OTHER, "s1", "active", GuardDriver.START));
        d.event(event(OTHER, "s2", "active", GuardDriver.START));
        assertThat(d.counts()).extracting(c -> c.get("customerTenantId").asText() + "=" + c.get("countedSubscriptions").asInt())
                .containsExactly(TENANT + "=1", OTHER + "=2");
        d.event(event(OTHER, "s2", "active", GuardDriver.START.plusSeconds(1))); // same status: no change of the counts
        d.event(event(TENANT, "s1", "expired", GuardDriver.START.plusSeconds(1)));
        assertThat(d.counts()).extracting(c -> c.get("customerTenantId").asText() + "=" + c.get("countedSubscriptions").asInt())
                .containsExactly(TENANT + "=0");
    }

    @Test
    void aChangeGoesOutWithinOneCountsInterval() {
        d.event(event(TENANT, "s1", "active", GuardDriver.START));
        d.advance(d.settings.countsInterval().minusMillis(1));
        assertThat(d.countsSentSoFar()).isEmpty();
        d.advance(Duration.ofMillis(1));
        assertThat(d.countsSentSoFar()).hasSize(1);
    }

    /**
     * The marks of changed tenants live in memory: a crash after the events' transaction committed and
     * before the flush loses them. Revived on the same (committed) facts, the processor sends every
     * tenant's counts again, so the latest counts of every tenant are on the topic.
     */
    @Test
    void noFinalCountIsLostAcrossARevivalBeforeTheFlush() {
        d.event(event(OTHER, "s1", "active", GuardDriver.START));
        assertThat(d.counts()).hasSize(1); // sent before the crash; sent again after it (harmless on a compacted topic)
        d.event(event(TENANT, "s1", "active", GuardDriver.START));
        d.event(event(TENANT, "s2", "suspended", GuardDriver.START));
        d.event(event(OTHER, "s2", "active", GuardDriver.START));
        d.event(event(OTHER, "s1", "expired", GuardDriver.START.plusSeconds(1)));

        d.revive(); // the marks of the four events above are gone with the old processor's memory
        assertThat(d.countsSentSoFar()).isEmpty();

        Map<String, JsonNode> last = lastByTenant(d.counts());
        assertThat(last).containsOnlyKeys(TENANT, OTHER);
        assertThat(last.get(TENANT).get("countedSubscriptions").asInt()).isEqualTo(2);
        assertThat(last.get(TENANT).get("byStatus").get("suspended").asInt()).isEqualTo(1);
        assertThat(last.get(OTHER).get("countedSubscriptions").asInt()).isEqualTo(1);
        assertThat(last.get(OTHER).get("byStatus").get("expired").asInt()).isEqualTo(1);
        assertThat(d.counts()).as("once after the revival, then only changes").isEmpty();
        assertThat(d.processor.indexes().describe()).isNotEmpty();
    }

    @Test
    void afterARevivalChangesAreCoalescedAsBefore() {
        d.event(event(TENANT, "s1", "active", GuardDriver.START));
        d.revive();
        d.event(event(TENANT, "s2", "active", GuardDriver.START));
        d.event(event(TENANT, "s3", "active", GuardDriver.START));
        List<JsonNode> counts = d.counts();
        assertThat(counts).singleElement().satisfies(c -> assertThat(c.get("countedSubscriptions").asInt()).isEqualTo(3));
    }

    @Test
    void theThresholdAlertAndDecisionsAreNotDelayed() {
        int threshold = d.settings.policy().duplicationThreshold();
        for (int i = 0; i <= threshold; i++) {
            d.event(event(TENANT, "s" + i, "active", GuardDriver.START));
        }
        assertThat(d.alerts()).as("raised with the event that crossed, before any flush")
                .extracting(a -> a.get("code").asText()).containsExactly("TENANT_ABOVE_DUPLICATION_THRESHOLD");
        d.request(Fixtures.request(TENANT, "t-1", "DUPLICATE", "s1"));
        assertThat(d.decisions()).hasSize(1);
        assertThat(d.countsSentSoFar()).isEmpty();
        assertThat(d.counts()).singleElement()
                .satisfies(c -> assertThat(c.get("countedSubscriptions").asInt()).isEqualTo(threshold + 1));
    }
}
