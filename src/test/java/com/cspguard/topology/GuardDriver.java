package com.cspguard.topology;

import com.cspguard.topology.views.OpsViews;
import com.cspguard.topology.config.GuardSettings;
import com.cspguard.topology.config.GuardTopics;
import com.cspguard.topology.deadletters.DeadLetterProcessingHandler;
import com.cspguard.topology.deadletters.DeadLetterProductionHandler;
import com.cspguard.wire.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;

/** Runs the production topology in a TopologyTestDriver and speaks JSON to its topics. */
final class GuardDriver implements AutoCloseable {
    static final Instant START = Instant.parse("2026-11-23T10:00:00Z");

    final GuardSettings settings;
    /** What the tasks publish for the operations page. */
    final OpsViews views = new OpsViews();
    final TopologyTestDriver driver;
    final CountingMetrics metrics = new CountingMetrics();
    /** The tenant-guard processor of the (single) task, to compare its indexes with a rebuild. */
    TenantGuardProcessor processor;
    private final TestInputTopic<String, String> events;
    private final TestInputTopic<String, String> requests;
    private final TestInputTopic<String, String> catalog;
    private final TestOutputTopic<String, String> counts;
    private final TestOutputTopic<String, String> decisions;
    private final TestOutputTopic<String, String> alerts;
    private final TestOutputTopic<String, String> timers;
    private final TestOutputTopic<String, String> dlq;
    /** The facts' changelog: one record per fact write, to count what an event costs in Kafka records. */
    private final TestOutputTopic<String, byte[]> changelog;

    GuardDriver() {
        this(GuardSettings.defaults());
    }

    GuardDriver(GuardSettings settings) {
        this.settings = settings;
        StreamsBuilder builder = new StreamsBuilder();
        GuardTopology.build(builder, settings, metrics, views, p -> processor = p);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "guard-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:1234");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, System.getProperty("java.io.tmpdir") + "/guard-ttd-" + System.nanoTime());
        // the exception handlers as application.yml configures them
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class.getName());
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProductionHandler.class.getName());
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, settings.topics().deadLetters());
        driver = new TopologyTestDriver(builder.build(), props, START);
        GuardTopics t = settings.topics();
        var ser = Serdes.String().serializer();
        var de = Serdes.String().deserializer();
        events = driver.createInputTopic(t.subscriptionEvents(), ser, ser);
        requests = driver.createInputTopic(t.transferRequests(), ser, ser);
        catalog = driver.createInputTopic(t.offerCatalog(), ser, ser);
        counts = driver.createOutputTopic(t.tenantCounts(), de, de);
        decisions = driver.createOutputTopic(t.transferDecisions(), de, de);
        alerts = driver.createOutputTopic(t.transferAlerts(), de, de);
        timers = driver.createOutputTopic(t.expiryTimers(), de, de);
        dlq = driver.createOutputTopic(t.deadLetters(), de, de);
        changelog = driver.createOutputTopic("guard-test-" + com.cspguard.topology.config.StoreNames.STATE + "-changelog",
                de, Serdes.ByteArray().deserializer());
    }

    void event(String key, String json) {
        events.pipeInput(key, json);
    }

    void event(ObjectNode json) {
        events.pipeInput(json.get("customerTenantId").asText(), json.toString());
    }

    void request(ObjectNode json) {
        requests.pipeInput(json.get("customerTenantId").asText(), json.toString());
    }

    void request(String key, String json) {
        requests.pipeInput(key, json);
    }

    void offer(ObjectNode json) {
        catalog.pipeInput(json.get("offerId").asText(), json.toString());
    }

    void offer(String key, String json) {
        catalog.pipeInput(key, json);
    }

    /** Moves the mocked wall clock, which runs due punctuations. */
    void advance(Duration d) {
        driver.advanceWallClockTime(d);
        wallClock = wallClock.plus(d);
    }

    /** The mocked wall clock. */
    Instant wallClock() {
        return wallClock;
    }

    private Instant wallClock = START;

    /**
     * The counts records sent by the next flush: the counts output is coalesced per commit interval
     * (one record per changed tenant with its latest values), so the wall clock first moves by one
     * counts interval, which also runs any other punctuation due by then.
     */
    List<JsonNode> counts() {
        flushCounts();
        return read(counts);
    }

    /** The counts records sent so far, without moving the clock: what went out before any flush. */
    List<JsonNode> countsSentSoFar() {
        return read(counts);
    }

    /** Moves the wall clock by one counts interval: the changed tenants' counts go out. */
    void flushCounts() {
        advance(settings.countsInterval());
    }

    /**
     * Kafka Streams' revival of the task on the same stores, as after a crash once the last transaction
     * committed: the processor is closed and initialised again; what it held only in memory is gone.
     */
    void revive() {
        var context = processor.context();
        // init() reads its store and schedules its punctuations through the node being run, which
        // Kafka Streams sets while it revives a task; outside a record the driver has none set
        var internal = (org.apache.kafka.streams.processor.internals.InternalProcessorContext<?, ?>) context;
        internal.setCurrentNode(tenantGuardNode());
        try {
            processor.close();
            processor.init(context);
        } finally {
            internal.setCurrentNode(null);
        }
    }

    private org.apache.kafka.streams.processor.internals.ProcessorNode<?, ?, ?, ?> tenantGuardNode() {
        try {
            var field = TopologyTestDriver.class.getDeclaredField("processorTopology");
            field.setAccessible(true);
            var topology = (org.apache.kafka.streams.processor.internals.ProcessorTopology) field.get(driver);
            return topology.processors().stream()
                    .filter(n -> n.name().equals(com.cspguard.topology.config.StoreNames.TENANT_GUARD))
                    .findFirst().orElseThrow();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the driver's topology is not where this test expects it", e);
        }
    }

    /** How many records the facts' changelog got since the last call. */
    int changelogRecords() {
        return changelog.readRecordsToList().size();
    }

    List<JsonNode> decisions() {
        return read(decisions);
    }

    /** The decisions as written, to measure them. */
    List<String> decisionsRaw() {
        return decisions.readValuesToList();
    }

    List<JsonNode> alerts() {
        return read(alerts);
    }

    List<JsonNode> timers() {
        return read(timers);
    }

    List<TestRecord<String, String>> deadLetters() {
        return dlq.readRecordsToList();
    }

    static String header(TestRecord<String, String> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static List<JsonNode> read(TestOutputTopic<String, String> topic) {
        return topic.readValuesToList().stream().map(GuardDriver::json).collect(Collectors.toList());
    }

    static JsonNode json(String s) {
        try {
            return Json.MAPPER.readTree(s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        driver.close();
    }
}
