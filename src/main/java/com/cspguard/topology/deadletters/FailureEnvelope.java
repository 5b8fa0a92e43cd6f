package com.cspguard.topology.deadletters;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import java.util.function.LongSupplier;

/**
 * The failure envelope around one input record, in one place: whatever the record's handler does,
 * the record neither stops the stream nor leaves half its changes behind.
 *
 * <p>Kafka Streams keeps store writes made before an exception when the handler says CONTINUE. So:
 * if the record failed before writing or sending anything, it is dead-lettered here (and the
 * derived state, which it may have touched, is made again from the facts); otherwise it is held in
 * {@link PoisonRecords} and {@link RollbackRequired#signal} makes Kafka Streams close the tasks
 * dirty, which under exactly-once aborts the transaction and restores the state, and the record,
 * read again, is dead-lettered before it touches anything. The same happens when the producer
 * refused one of its writes (the production exception handler holds it).
 */
public final class FailureEnvelope {

    /** Where a record that cannot be applied goes, with its reason. */
    @FunctionalInterface
    public interface DeadLetters {
        void send(Record<byte[], byte[]> record, String reason);
    }

    private final String applicationId;
    private final LongSupplier sideEffects;
    private final DeadLetters deadLetters;
    private final Runnable dropDerivedState;

    /**
     * @param sideEffects      a count that grows with every store write and every record sent, so a
     *                         change tells that the record already had an effect
     * @param dropDerivedState makes the in-memory state again from the facts
     */
    public FailureEnvelope(String applicationId, LongSupplier sideEffects, DeadLetters deadLetters,
                           Runnable dropDerivedState) {
        this.applicationId = applicationId;
        this.sideEffects = sideEffects;
        this.deadLetters = deadLetters;
        this.dropDerivedState = dropDerivedState;
    }

    /** Runs {@code work} for {@code record} (read at {@code where}, null in tests without metadata). */
    public void tryRun(Record<byte[], byte[]> record, RecordMetadata where, Runnable work) {
        String topic = where == null ? "" : where.topic();
        String held = where == null ? null
                : PoisonRecords.shared().take(applicationId, topic, where.partition(), where.offset());
        if (held != null) {
            deadLetters.send(record, held);
            return;
        }
        long effectsBefore = sideEffects.getAsLong();
        if (where != null) {
            PoisonRecords.shared().processing(new PoisonRecords.InFlight(applicationId, topic, where.partition(),
                    where.offset(), record.key(), record.value(), record.headers(), record.timestamp()));
        }
        String refused;
        try {
            try {
                work.run();
            } catch (KafkaException e) {
                String heldNow = PoisonRecords.shared().heldWhileProcessing();
                if (heldNow != null) {
                    throw RollbackRequired.signal(heldNow, e); // the producer refused one of this record's writes
                }
                throw e; // a send, a store or the task failed, not this record: Kafka Streams recovers
            } catch (RuntimeException e) {
                String reason = "processing failed: " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage());
                if (sideEffects.getAsLong() != effectsBefore) {
                    PoisonRecords.shared().holdCurrent(reason);
                    throw RollbackRequired.signal(reason, e);
                }
                // It changed no fact and sent nothing: dead-letter it now, and drop whatever it did to the indexes.
                deadLetters.send(record, reason);
                dropDerivedState.run();
            }
            refused = PoisonRecords.shared().heldWhileProcessing();
        } finally {
            PoisonRecords.shared().done();
        }
        if (refused != null) {
            throw RollbackRequired.signal(refused, null); // the producer refused a write; the handler let it return
        }
    }
}
