package com.cspguard.topology.deadletters;

import com.cspguard.topology.deadletters.DeadLetterRecord.Origin;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

/**
 * Kafka Streams' {@code processing.exception.handler}: what happens when a processor throws.
 * <ul>
 *   <li>{@link RollbackRequired}: the record changed state before it failed; FAIL, so that under
 *       exactly-once the transaction is aborted and the state restored (the record is held in
 *       {@link PoisonRecords} and dead-lettered when read again).</li>
 *   <li>a {@link KafkaException} (a send or a store failed, the task migrated): not the record's
 *       fault; FAIL, Kafka Streams recovers the task.</li>
 *   <li>anything else from a record: the input goes to the dead-letter topic with the exception as
 *       its reason, and processing continues. Only processors that write nothing before they can
 *       fail may let such an exception out; the tenant guard catches its own and decides.</li>
 *   <li>from a punctuation (no record): logged, and the punctuation runs again at its next interval.</li>
 * </ul>
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);

    private HandlerConfig config;

    @Override
    public void configure(Map<String, ?> configs) {
        config = HandlerConfig.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        if (exception instanceof RollbackRequired || exception instanceof KafkaException) {
            LOG.error("processing of {}-{}@{} failed, the task is restarted", context.topic(), context.partition(),
                    context.offset(), exception);
            return Response.fail();
        }
        if (record == null) {
            LOG.error("punctuation of {} in task {} failed, it runs again at its next interval",
                    context.processorNodeId(), context.taskId(), exception);
            return Response.resume();
        }
        String reason = "processing failed: " + Failures.describe(exception);
        LOG.warn("record {}-{}@{} goes to the dead-letter topic: {}", context.topic(), context.partition(),
                context.offset(), reason, exception);
        DeadLetterRecord deadLetter = DeadLetterRecord.of(context.sourceRawKey(), context.sourceRawValue(),
                context.headers(), reason, new Origin(context.topic(), context.partition(), context.offset()),
                config.maxRecordBytes());
        return Response.resume(List.of(deadLetter.toProducerRecord(config.deadLetterTopic(),
                Failures.timestamp(context.timestamp()))));
    }
}
