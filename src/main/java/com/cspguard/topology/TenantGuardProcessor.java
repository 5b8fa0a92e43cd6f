package com.cspguard.topology;

import com.cspguard.domain.Offer;
import com.cspguard.domain.SubscriptionEvent;
import com.cspguard.domain.TimerRules;
import com.cspguard.domain.TransferEvaluator;
import com.cspguard.domain.TransferRequest;
import com.cspguard.topology.deadletters.PoisonRecords;
import com.cspguard.topology.deadletters.RollbackRequired;
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
 * <p>
 * A good record that still fails (an output too large to send, a bug) must neither stop the stream
 * nor leave half its changes behind; Kafka Streams keeps store writes made before an exception when
 * the handler says CONTINUE. So: if it failed before writing or sending anything, it is dead-lettered
 * here; otherwise it is held in {@link PoisonRecords} and {@link RollbackRequired#signal} makes Kafka
 * Streams close the tasks dirty, which under exactly-once aborts the transaction and restores the
 * state, and the record, read again, is dead-lettered before it touches anything. The same happens
 * when the producer refused one of its writes (the production exception handler holds it).
 */
public final class TenantGuardProcessor implements Processor<byte[], byte[], byte[], Routed> {
    private final GuardSettings settings;
    private final GuardMetrics metrics;
    private ProcessorContext<byte[], Routed> context;
    private GuardStores stores;
    private GuardOutputs outputs;
    private SubscriptionEventHandler subscriptions;
    private TransferRequestHandler transfers;
    private CatalogChangeHandler catalog;
    private TimerFirer timers;

    public TenantGuardProcessor(GuardSettings settings, GuardMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<byte[], Routed> context) {
        this.context = context;
        this.stores = new GuardStores(context);
        this.outputs = new GuardOutputs(context, settings, metrics);
        TimerScheduler scheduler = new TimerScheduler(new TimerRules(settings.policy()), stores.timers());
        TransferDecider decider = new TransferDecider(new TransferEvaluator(settings.policy()), stores, outputs);
        this.subscriptions = new SubscriptionEventHandler(settings, stores, outputs, scheduler, decider, metrics);
        this.transfers = new TransferRequestHandler(settings, stores, decider);
        this.catalog = new CatalogChangeHandler(stores, decider);
        this.timers = new TimerFirer(settings, stores, outputs, scheduler, transfers);
        stores.timers().init();
        context.schedule(settings.timerInterval(), PunctuationType.WALL_CLOCK_TIME, this::punctuate);
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
        int writesBefore = stores.writes().pending();
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
                if (stores.writes().pending() != writesBefore || outputs.forwarded() != forwardsBefore) {
                    PoisonRecords.shared().holdCurrent(reason);
                    throw RollbackRequired.signal(reason, e);
                }
                outputs.deadLetter(record, reason); // it changed nothing yet: dead-letter it right away
            }
            refused = PoisonRecords.shared().heldWhileProcessing();
        } finally {
            PoisonRecords.shared().done();
        }
        if (refused != null) {
            throw RollbackRequired.signal(refused, null); // the producer refused a write; the handler let it return
        }
        metrics.storeWrites(stores.writes().drain());
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
        long readBefore = stores.timers().entriesRead();
        timers.fireDue(now);
        metrics.timerEntriesRead(stores.timers().entriesRead() - readBefore);
        metrics.storeWrites(stores.writes().drain());
    }
}
