package com.cspguard.topology;

import com.cspguard.domain.Offer;
import com.cspguard.domain.SubscriptionEvent;
import com.cspguard.domain.TimerRules;
import com.cspguard.domain.TransferEvaluator;
import com.cspguard.domain.TransferRequest;
import com.cspguard.wire.InputParser;
import com.cspguard.wire.ParseResult;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import java.nio.charset.StandardCharsets;

/**
 * The one processor of the tenant sub-topology. It reads the co-partitioned inputs (subscription
 * events, transfer requests, catalog changes), validates each record before it touches any state,
 * sends bad ones to the dead-letter topic, and hands good ones to the handler for their topic.
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
        this.outputs = new GuardOutputs(context, settings.topics(), settings.policy(), metrics);
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
        String topic = context.recordMetadata().map(m -> m.topic()).orElse("");
        long now = context.currentSystemTimeMs();
        GuardTopics topics = settings.topics();
        if (topic.equals(topics.subscriptionEvents())) {
            ParseResult<SubscriptionEvent> parsed = InputParser.subscriptionEvent(record.key(), record.value());
            if (parsed instanceof ParseResult.Ok<SubscriptionEvent> ok) {
                subscriptions.handle(ok.value(), now);
            } else {
                outputs.deadLetter(record, ((ParseResult.Bad<SubscriptionEvent>) parsed).reason());
            }
        } else if (topic.equals(topics.transferRequests())) {
            ParseResult<TransferRequest> parsed = InputParser.transferRequest(record.key(), record.value());
            if (parsed instanceof ParseResult.Ok<TransferRequest> ok) {
                transfers.handle(ok.value(), now);
            } else {
                outputs.deadLetter(record, ((ParseResult.Bad<TransferRequest>) parsed).reason());
            }
        } else if (topic.equals(topics.catalogChanges())) {
            ParseResult<Offer> parsed = InputParser.offer(record.key(), record.value());
            if (parsed instanceof ParseResult.Ok<Offer> ok) {
                catalog.handle(new String(record.key(), StandardCharsets.UTF_8), ok.value(), now);
            } else {
                outputs.deadLetter(record, ((ParseResult.Bad<Offer>) parsed).reason());
            }
        } else {
            outputs.deadLetter(record, "unexpected topic: " + topic);
        }
        metrics.storeWrites(stores.writes().drain());
    }

    private void punctuate(long now) {
        long readBefore = stores.timers().entriesRead();
        timers.fireDue(now);
        metrics.timerEntriesRead(stores.timers().entriesRead() - readBefore);
        metrics.storeWrites(stores.writes().drain());
    }
}
