package com.cspguard.topology;

import com.cspguard.domain.Offer;
import com.cspguard.domain.SubscriptionEvent;
import com.cspguard.domain.TimerRules;
import com.cspguard.domain.TransferEvaluator;
import com.cspguard.domain.TransferRequest;
import com.cspguard.topology.decisions.CatalogChangeHandler;
import com.cspguard.topology.decisions.TransferDecider;
import com.cspguard.topology.deadletters.PoisonRecords;
import com.cspguard.topology.deadletters.RollbackRequired;
import com.cspguard.topology.decisions.TransferRequestHandler;
import com.cspguard.topology.events.SubscriptionEventHandler;
import com.cspguard.topology.facts.FactStore;
import com.cspguard.topology.indexes.GuardIndexes;
import com.cspguard.topology.outputs.GuardOutputs;
import com.cspguard.topology.queries.OpsViewBuilder;
import com.cspguard.topology.timers.TimerChains;
import com.cspguard.topology.timers.TimerFirer;
import com.cspguard.wire.InputParser;
import com.cspguard.wire.ParseResult;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import java.nio.charset.StandardCharsets;

/**
 * The one processor of the tenant sub-topology. It reads the co-partitioned inputs (subscription
 * events, transfer requests, catalog changes), validates each record before it touches any state,
 * sends bad ones to the dead-letter topic, and hands good ones to the handler for their topic.
 *
 * <p>State: the facts live in the changelogged {@code guard-state} store; the indexes derived from
 * them (tenant counters, timer schedule, repurchase index, open-transfer summaries, catalog) live in
 * this object's memory and are rebuilt from the facts in {@link #init}, which Kafka Streams calls
 * after restoring the task and again whenever it revives the task.
 *
 * <p>A good record that still fails (an output too large to send, a bug) must neither stop the
 * stream nor leave half its changes behind; Kafka Streams keeps store writes made before an
 * exception when the handler says CONTINUE. So: if it failed before writing or sending anything, it
 * is dead-lettered here (and the indexes, which it may have touched, are rebuilt from the facts);
 * otherwise it is held in {@link PoisonRecords} and {@link RollbackRequired#signal} makes Kafka
 * Streams close the tasks dirty, which under exactly-once aborts the transaction and restores the
 * state, and the record, read again, is dead-lettered before it touches anything. The same happens
 * when the producer refused one of its writes (the production exception handler holds it).
 */
public final class TenantGuardProcessor implements Processor<byte[], byte[], byte[], Routed> {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TenantGuardProcessor.class);
    private final GuardSettings settings;
    private final GuardMetrics metrics;
    private ProcessorContext<byte[], Routed> context;
    private FactStore facts;
    private GuardIndexes indexes;
    private GuardOutputs outputs;
    private SubscriptionEventHandler subscriptions;
    private TransferRequestHandler transfers;
    private CatalogChangeHandler catalog;
    private TimerFirer timers;
    private OpsViewBuilder opsViews;

    public TenantGuardProcessor(GuardSettings settings, GuardMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<byte[], Routed> context) {
        this.context = context;
        this.facts = new FactStore(context.getStateStore(StoreNames.STATE));
        TimerChains chains = new TimerChains(new TimerRules(settings.policy()));
        this.indexes = new GuardIndexes(settings.policy(), chains);
        this.outputs = new GuardOutputs(context, settings, metrics);
        TransferDecider decider = new TransferDecider(new TransferEvaluator(settings.policy()), facts, indexes.catalog(), outputs);
        this.transfers = new TransferRequestHandler(settings.policy().transferMaxAge(), facts, indexes, decider);
        this.catalog = new CatalogChangeHandler(facts, indexes, decider);
        this.timers = new TimerFirer(facts, indexes, chains, outputs, transfers, settings.timerBatch());
        this.subscriptions = new SubscriptionEventHandler(settings.policy(), facts, indexes, outputs, chains, timers, decider,
                metrics);
        this.opsViews = new OpsViewBuilder(settings.policy(), chains, settings.ops().horizon(),
                settings.ops().deadlineInterval());

        GuardIndexes.Rebuild rebuilt = indexes.rebuild(facts, context.taskId().toString());
        metrics.indexesRebuilt(rebuilt.subscriptions(), rebuilt.nanos());
        facts.ops().drainReads();
        context.schedule(settings.timerInterval(), PunctuationType.WALL_CLOCK_TIME, this::punctuate);
        // The first view follows within one interval: init() stays the rebuild alone, which a
        // restore waits for.
        context.schedule(settings.ops().interval(), PunctuationType.WALL_CLOCK_TIME, this::publishOpsView);
    }

    /**
     * Publishes what the operations page needs of this task, built from the indexes here on the
     * stream thread: HTTP threads read only the published, immutable view, never the indexes.
     */
    public void publishOpsView(long now) {
        try {
            settings.ops().views().publish(opsViews.build(context.taskId().toString(), indexes, facts, now));
        } catch (RuntimeException e) {
            // the page shows the previous view a little longer; no reason to disturb the stream
            LOG.warn("task {}: the operations view could not be built: {}", context.taskId(), e.toString());
        }
        // The view reads the facts of the timers due within its horizon, once per
        // GUARD_OPS_DEADLINE_INTERVAL: a cost of the page, not of a record or a timer punctuation,
        // so it is left out of the per-record store metrics.
        facts.ops().drainReads();
    }

    /** The task leaves this instance (or the instance stops): its view goes with it. */
    @Override
    public void close() {
        if (context != null) {
            settings.ops().views().remove(context.taskId().toString());
        }
    }

    /** The derived state, for tests that compare it with a rebuild from the facts and for the benchmark. */
    public GuardIndexes indexes() {
        return indexes;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RecordMetadata where = context.recordMetadata().orElse(null);
        String topic = where == null ? "" : where.topic();
        String held = where == null ? null
                : PoisonRecords.shared().take(context.applicationId(), topic, where.partition(), where.offset());
        if (held != null) {
            outputs.deadLetter(record, held);
            return;
        }
        int writesBefore = facts.ops().writesPending();
        long forwardsBefore = outputs.forwarded();
        if (where != null) {
            PoisonRecords.shared().processing(new PoisonRecords.InFlight(context.applicationId(), topic, where.partition(),
                    where.offset(), record.key(), record.value(), record.headers(), record.timestamp()));
        }
        String refused;
        try {
            try {
                dispatch(record, topic);
            } catch (KafkaException e) {
                String heldNow = PoisonRecords.shared().heldWhileProcessing();
                if (heldNow != null) {
                    throw RollbackRequired.signal(heldNow, e); // the producer refused one of this record's writes
                }
                throw e; // a send, a store or the task failed, not this record: Kafka Streams recovers
            } catch (RuntimeException e) {
                String reason = "processing failed: " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage());
                if (facts.ops().writesPending() != writesBefore || outputs.forwarded() != forwardsBefore) {
                    PoisonRecords.shared().holdCurrent(reason);
                    throw RollbackRequired.signal(reason, e);
                }
                // It changed no fact and sent nothing: dead-letter it now, and drop whatever it did to the indexes.
                outputs.deadLetter(record, reason);
                indexes.rebuild(facts, context.taskId().toString());
            }
            refused = PoisonRecords.shared().heldWhileProcessing();
        } finally {
            PoisonRecords.shared().done();
        }
        if (refused != null) {
            throw RollbackRequired.signal(refused, null); // the producer refused a write; the handler let it return
        }
        metrics.storeOperations(facts.ops().drainReads(), facts.ops().drainWrites());
    }

    private void dispatch(Record<byte[], byte[]> record, String topic) {
        long now = context.currentSystemTimeMs();
        GuardTopics topics = settings.topics();
        if (topic.equals(topics.subscriptionEvents())) {
            ParseResult<SubscriptionEvent> parsed = InputParser.subscriptionEvent(record.key(), record.value(), settings.limits());
            if (parsed instanceof ParseResult.Ok<SubscriptionEvent> ok) {
                subscriptions.handle(ok.value(), now);
            } else {
                outputs.deadLetter(record, ((ParseResult.Bad<SubscriptionEvent>) parsed).reason());
            }
        } else if (topic.equals(topics.transferRequests())) {
            ParseResult<TransferRequest> parsed = InputParser.transferRequest(record.key(), record.value(), settings.limits());
            if (parsed instanceof ParseResult.Ok<TransferRequest> ok) {
                transfers.handle(ok.value(), now);
            } else {
                outputs.deadLetter(record, ((ParseResult.Bad<TransferRequest>) parsed).reason());
            }
        } else if (topic.equals(topics.catalogChanges())) {
            ParseResult<Offer> parsed = InputParser.offer(record.key(), record.value(), settings.limits());
            if (parsed instanceof ParseResult.Ok<Offer> ok) {
                catalog.handle(new String(record.key(), StandardCharsets.UTF_8), ok.value(), now);
            } else {
                outputs.deadLetter(record, ((ParseResult.Bad<Offer>) parsed).reason());
            }
        } else {
            outputs.deadLetter(record, "unexpected topic: " + topic);
        }
    }

    private void punctuate(long now) {
        try {
            metrics.timersTaken(timers.fireDue(now));
        } catch (RuntimeException e) {
            // Timers taken from the schedule before the failure would be lost to it: make it
            // from the facts again (what fired is in them), then let the exception handler see it.
            indexes.rebuild(facts, context.taskId().toString());
            throw e;
        } finally {
            metrics.storeOperations(facts.ops().drainReads(), facts.ops().drainWrites());
        }
    }
}
