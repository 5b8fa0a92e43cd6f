package com.cspguard.topology.deadletters;

import com.cspguard.topology.deadletters.DeadLetterRecord.Origin;
import com.cspguard.topology.deadletters.PoisonRecords.InFlight;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

/**
 * Kafka Streams' {@code production.exception.handler}: what happens when an output or changelog
 * record cannot be written.
 * <ul>
 *   <li>retriable errors (timeouts, leader moves): RETRY.</li>
 *   <li>errors of the record itself (too large, invalid): the input record that caused it goes to the
 *       dead-letter topic and the stream goes on. Under at-least-once the handler sends the dead letter
 *       and CONTINUEs. Under exactly-once it cannot: the producer has already put the transaction in an
 *       abortable error state (KafkaProducer does so for any error of a transactional send), so CONTINUE
 *       would only fail at the next send or commit. Instead the input is held in {@link PoisonRecords}
 *       and rolled back: when the refusal is reported on the processing thread (the producer's own size
 *       check), the handler lets the write return and the processor, seeing the hold, rolls back
 *       ({@link RollbackRequired}); otherwise the handler FAILs. Either way the transaction is aborted,
 *       the task's state restored, and the input, read again, is dead-lettered before it touches
 *       anything. An error reported on the producer's own thread names no input: logged, and CONTINUE.</li>
 *   <li>anything else (authorization, unknown topic): FAIL; it is not one record's fault.</li>
 * </ul>
 * The guard checks its outputs' sizes before sending and the input limits keep stored values small,
 * so this is the safety net, not the usual path.
 */
public final class DeadLetterProductionHandler implements ProductionExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProductionHandler.class);

    private HandlerConfig config;

    @Override
    public void configure(Map<String, ?> configs) {
        config = HandlerConfig.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
        if (exception instanceof RetriableException) {
            return Response.retry();
        }
        if (!(exception instanceof RecordTooLargeException || exception instanceof RecordBatchTooLargeException
                || exception instanceof InvalidRecordException)) {
            return Response.fail();
        }
        return recordFailed(context, record.topic(), exception);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
                                             SerializationExceptionOrigin origin) {
        return recordFailed(context, record.topic(), exception instanceof SerializationException ? exception
                : new SerializationException("the " + origin.name().toLowerCase(java.util.Locale.ROOT)
                        + " could not be serialised", exception));
    }

    private Response recordFailed(ErrorHandlerContext context, String topic, Exception exception) {
        String reason = "output could not be written to " + topic + ": " + Failures.describe(exception);
        InFlight input = input(context);
        String where = input == null ? "unknown" : input.topic() + "-" + input.partition() + "@" + input.offset();
        if (topic.equals(config.deadLetterTopic())) {
            // DeadLetterRecord keeps every dead letter under the limit; a broker with a smaller one is misconfigured
            LOG.error("a dead letter of {} could not be written; check max.message.bytes of {}", where, topic, exception);
            return Response.resume();
        }
        if (input == null) {
            // Reported on the producer's thread: either the other records of a transaction already being
            // aborted for a refused write (the processor rolls that back), or the broker refused a record
            // the producer accepted (a topic max.message.bytes below max.request.size). No input is known
            // to blame and failing would only replace the thread; under exactly-once the transaction
            // cannot commit and is retried, under at-least-once this output is lost (logged here).
            LOG.error("{}; no input record is known for it", reason, exception);
            return Response.resume();
        }
        if (config.exactlyOnce()) {
            LOG.error("{}; the transaction is aborted and the input {} goes to the dead-letter topic when read again",
                    reason, where, exception);
            if (PoisonRecords.shared().current() != null) {
                // on the processing thread: the processor sees the hold when the write returns and rolls back
                PoisonRecords.shared().holdCurrent(reason);
                return Response.resume();
            }
            PoisonRecords.shared().hold(config.applicationId(), input.topic(), input.partition(), input.offset(), reason);
            return Response.fail(); // a record context without the processor's mark: fail, the hold dead-letters it
        }
        LOG.error("{}; the input {} goes to the dead-letter topic", reason, where, exception);
        DeadLetterRecord deadLetter = DeadLetterRecord.of(input.key(), input.value(), input.headers(), reason,
                new Origin(input.topic(), input.partition(), input.offset()), config.maxRecordBytes());
        return Response.resume(List.of(deadLetter.toProducerRecord(config.deadLetterTopic(),
                Failures.timestamp(input.timestamp()))));
    }

    /**
     * The input record whose processing sent the failed record: the one the processing thread marked
     * (Kafka Streams gives no record context for changelog writes), else the handler context's.
     */
    private InFlight input(ErrorHandlerContext context) {
        InFlight marked = PoisonRecords.shared().current();
        if (marked != null) {
            return marked;
        }
        if (context.topic() == null || context.offset() < 0) {
            return null;
        }
        return new InFlight(config.applicationId(), context.topic(), context.partition(), context.offset(),
                context.sourceRawKey(), context.sourceRawValue(), context.headers(), context.timestamp());
    }
}
