package com.cspguard.topology;

import com.cspguard.topology.config.GuardSettings;
import com.cspguard.topology.config.StoreNames;
import com.cspguard.topology.outputs.GuardOutputs;
import com.cspguard.topology.facts.FactKeys;

import com.cspguard.domain.GuardPolicy;
import com.cspguard.topology.deadletters.PoisonRecords;
import com.cspguard.topology.deadletters.RecordSize;
import com.cspguard.topology.deadletters.RollbackRequired;
import com.cspguard.wire.InputLimits;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static com.cspguard.topology.Fixtures.TENANT;
import static com.cspguard.topology.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Records that pass the contract's checks but could not be stored or answered: each is refused up
 * front with a reason, or, failing later, never leaves half its changes behind.
 */
class PoisonRecordTopologyTest {
    private GuardDriver d = new GuardDriver();

    @AfterEach
    void close() {
        d.close();
        PoisonRecords.shared().take("guard-test", "transfer-requests", 0, 0); // whatever a failed test left held
    }

    private TestRecord<String, String> onlyDeadLetter() {
        List<TestRecord<String, String>> dlq = d.deadLetters();
        assertThat(dlq).hasSize(1);
        return dlq.get(0);
    }

    private static String reason(TestRecord<String, String> r) {
        return GuardDriver.header(r, GuardOutputs.ERROR_REASON);
    }

    @Test
    void aStringFieldTooLongForTheStoreIsRefused() {
        ObjectNode e = event(TENANT, "s1", "active", GuardDriver.START);
        Fixtures.sub(e).put("offerName", "x".repeat(70_000)); // over the 65,535 bytes the store format can hold
        d.event(TENANT, e.toString());
        TestRecord<String, String> dl = onlyDeadLetter();
        assertThat(reason(dl)).startsWith("too large: the value has ").endsWith(" bytes (at most 65536)");
        assertThat(d.counts()).isEmpty();
    }

    @Test
    void aStringFieldOverTheLengthLimitIsRefusedWithItsName() {
        ObjectNode e = event(TENANT, "s1", "active", GuardDriver.START);
        Fixtures.sub(e).put("offerName", "x".repeat(InputLimits.DEFAULT_MAX_STRING_LENGTH + 1));
        d.event(TENANT, e.toString());
        TestRecord<String, String> dl = onlyDeadLetter();
        assertThat(dl.value()).isEqualTo(e.toString());
        assertThat(reason(dl)).isEqualTo("too long: subscription.offerName has 1025 characters (at most 1024)");
        assertThat(d.counts()).isEmpty();
    }

    @Test
    void tooManyLineItemsAreRefused() {
        ObjectNode r = Fixtures.request(TENANT, "t-1", "DUPLICATE");
        ArrayNode items = r.withArray("lineItems");
        for (int i = 0; i <= InputLimits.DEFAULT_MAX_LINE_ITEMS; i++) {
            items.addObject();
        }
        d.request(TENANT, r.toString());
        assertThat(reason(onlyDeadLetter())).isEqualTo("too many elements: lineItems has 501 (at most 500)");
        assertThat(d.decisions()).isEmpty();
        assertThat(d.counts()).isEmpty();
    }

    @Test
    void aFarFutureInstantIsRefusedBeforeItOverflowsMilliseconds() {
        ObjectNode e = event(TENANT, "s1", "active", GuardDriver.START);
        Fixtures.sub(e).put("commitmentEndDateTime", "+300000000-01-01T00:00:00Z");
        d.event(TENANT, e.toString());
        assertThat(reason(onlyDeadLetter())).startsWith("out of range: subscription.commitmentEndDateTime '+300000000-01-01T00:00:00Z'");
        assertThat(d.counts()).isEmpty();
        assertThat(d.timers()).isEmpty();
    }

    @Test
    void aFarFutureRequestTimeIsRefused() {
        ObjectNode r = Fixtures.request(TENANT, "t-1", "DUPLICATE", "s1");
        r.put("requestedAt", "+300000000-01-01T00:00:00Z");
        d.request(TENANT, r.toString());
        assertThat(reason(onlyDeadLetter())).startsWith("out of range: requestedAt");
        assertThat(d.decisions()).isEmpty();
    }

    @Test
    void theStreamGoesOnAfterEachPoisonRecord() {
        ObjectNode tooLong = event(TENANT, "s1", "active", GuardDriver.START);
        Fixtures.sub(tooLong).put("id", "s".repeat(5_000));
        d.event(TENANT, tooLong.toString());
        d.event(event(TENANT, "s2", "active", GuardDriver.START));
        assertThat(d.deadLetters()).hasSize(1);
        assertThat(d.counts()).singleElement().satisfies(c -> assertThat(c.get("countedSubscriptions").asInt()).isEqualTo(1));
    }

    /**
     * The worst request the default limits allow: as many line items as allowed, ids as long as the
     * record limit leaves room for, every one naming a held subscription that raises every finding a
     * subscription can raise (disabled, discontinued offer, other quantity, no refund, bought direct),
     * so each id is repeated in five findings. Its stored open transfer (one changelog record) and its
     * decision both fit under the producer's default {@code max.request.size}.
     */
    @Test
    void theWorstRequestTheDefaultLimitsAllowIsStoredInOneRecordThatFits() {
        InputLimits limits = InputLimits.defaults();
        int items = limits.maxLineItems();
        int idLength = 1;
        while (worst(items, idLength + 1).toString().getBytes(StandardCharsets.UTF_8).length <= limits.maxRecordBytes()) {
            idLength++;
        }
        ObjectNode request = worst(items, idLength);
        d.offer(Fixtures.offer(Fixtures.OFFER, "DISCONTINUED"));
        for (int i = 0; i < items; i++) {
            ObjectNode e = event(TENANT, id(i, idLength), "disabled", GuardDriver.START);
            e.put("channel", "DIRECT");
            Fixtures.sub(e).put("commitmentEndDate", "2029-12-31");
            d.event(e);
        }
        d.counts();
        d.request(request);

        assertThat(d.deadLetters()).isEmpty();
        List<String> decisions = d.decisionsRaw();
        assertThat(decisions).hasSize(1);
        assertThat(GuardDriver.json(decisions.get(0)).get("findings").size()).isGreaterThanOrEqualTo(5);
        KeyValueStore<String, byte[]> state = d.driver.getKeyValueStore(StoreNames.STATE);
        byte[] stored = state.get(FactKeys.transfer(TENANT, request.get("transferId").asText()));
        int limit = RecordSize.limitFor(RecordSize.DEFAULT_MAX_REQUEST_SIZE);
        long changelogRecord = RecordSize.of(FactKeys.transfer(TENANT, "t-big").getBytes(StandardCharsets.UTF_8), stored, null);
        assertThat(changelogRecord).as("stored open transfer of the worst request").isLessThan(limit);
        assertThat((long) decisions.get(0).length()).as("its decision").isLessThan(limit);
    }

    private static String id(int i, int length) {
        String prefix = "sub-" + i + "-";
        return prefix + "x".repeat(Math.max(0, length - prefix.length()));
    }

    private static ObjectNode worst(int items, int idLength) {
        ObjectNode r = Fixtures.request(TENANT, "t-big", "DUPLICATE");
        ArrayNode lineItems = r.withArray("lineItems");
        for (int i = 0; i < items; i++) {
            lineItems.addObject().put("subscriptionId", id(i, idLength)).put("quantity", 1);
        }
        return r;
    }

    /**
     * A record that fails after it sent something (here: its second alert is over the output limit,
     * after the first went out) is not dead-lettered half-done: it is held, and the tasks are closed
     * dirty so that exactly-once aborts what it sent and rolls its writes back; read again, it goes to
     * the dead-letter topic (PoisonRecordIT shows the whole round against a broker).
     */
    @Test
    void aRecordFailingAfterItWroteIsHeldAndTheTaskFails() {
        d.close();
        d = new GuardDriver(GuardSettings.defaults().withLimits(InputLimits.defaults(), 9_000));
        String[] ids = new String[200];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = "missing-subscription-" + i;
        }
        ObjectNode request = Fixtures.request(TENANT, "t-1", "DUPLICATE", ids);
        ((ObjectNode) request.get("requestedBy")).put("role", "HELPDESK_AGENT"); // a small alert goes out first
        assertThatThrownBy(() -> d.request(request))
                .hasRootCauseInstanceOf(com.cspguard.topology.deadletters.OutputTooLargeException.class)
                .satisfies(e -> assertThat(causes(e)).anyMatch(c -> c instanceof RollbackRequired));
        assertThat(d.deadLetters()).isEmpty();
        assertThat(PoisonRecords.shared().take("guard-test", "transfer-requests", 0, 0))
                .startsWith("processing failed: OutputTooLargeException: output too large: a record for transfer-alerts");
    }

    /**
     * A record that fails before it wrote or sent anything goes to the dead-letter topic at once, with
     * the exception as its reason, and the stream goes on. (Contrived: a maximum transfer age so long
     * that the expiry time overflows, computed before the first write.)
     */
    @Test
    void aRecordFailingBeforeItWroteIsDeadLetteredAtOnce() {
        d.close();
        GuardPolicy p = GuardPolicy.defaults();
        d = new GuardDriver(GuardSettings.defaults().withPolicy(new GuardPolicy(p.tenantMaximum(), p.duplicationThreshold(),
                p.countedStatuses(), p.refundWindow(), java.time.Duration.ofSeconds(Long.MAX_VALUE), p.termEndingLead(),
                p.graceEndingAfter(), p.repurchaseDeadline())));
        ObjectNode request = Fixtures.request(TENANT, "t-1", "DUPLICATE", "s1");
        d.request(request);
        TestRecord<String, String> dl = onlyDeadLetter();
        assertThat(dl.value()).isEqualTo(request.toString());
        assertThat(reason(dl)).startsWith("processing failed: ArithmeticException");
        assertThat(d.decisions()).isEmpty();
        d.event(event(TENANT, "s2", "active", GuardDriver.START));
        assertThat(d.counts()).hasSize(1);
    }

    private static List<Throwable> causes(Throwable e) {
        List<Throwable> out = new java.util.ArrayList<>();
        for (Throwable c = e; c != null; c = c.getCause()) {
            out.add(c);
        }
        return out;
    }
}
