package com.cspguard.topology;

import com.cspguard.topology.config.GuardMetrics;
import com.cspguard.topology.config.GuardSettings;
import com.cspguard.topology.config.Routed;
import com.cspguard.domain.Offer;
import com.cspguard.topology.outputs.GuardOutputs;
import com.cspguard.wire.InputParser;
import com.cspguard.wire.ParseResult;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Validates offer-catalog records and forwards each good one to every partition of the
 * catalog-changes topic, so that every tenant task keeps the whole catalog and learns of each
 * change in order with its own records. Bad ones go to the dead-letter topic.
 */
public final class CatalogBroadcaster implements Processor<byte[], byte[], byte[], Routed> {
    private final GuardSettings settings;
    private final GuardMetrics metrics;
    private ProcessorContext<byte[], Routed> context;
    private GuardOutputs outputs;

    public CatalogBroadcaster(GuardSettings settings, GuardMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<byte[], Routed> context) {
        this.context = context;
        this.outputs = new GuardOutputs(context, settings, metrics);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        ParseResult<Offer> parsed = InputParser.offer(record.key(), record.value(), settings.limits());
        if (parsed instanceof ParseResult.Bad<Offer> bad) {
            outputs.deadLetter(record, bad.reason());
            return;
        }
        context.forward(record.withValue(new Routed(settings.topics().catalogChanges(), record.value())));
    }
}
