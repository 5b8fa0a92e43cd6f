package com.cspguard.topology.deadletters;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Input records that failed after they had changed state or sent outputs, with the reason, so that
 * when Kafka Streams processes them again they go to the dead-letter topic before touching anything.
 * <p>
 * Why this exists: when processing fails half-way, the stores already hold some of the record's
 * writes, and Kafka Streams does not take them back if the error handler says CONTINUE. Under
 * exactly-once the only way to take them back is to fail: the transaction is aborted (its outputs
 * and changelog records vanish), the task's state is wiped and restored from the changelog, and
 * the record is read again. Remembering it here turns that second reading into a dead letter
 * instead of the same failure forever. Kept in memory for the JVM: after a crash a record fails
 * at most once more.
 * <p>
 * Shared by the processors and the exception handlers Kafka Streams creates from class names,
 * hence one instance per JVM, keyed by application id, topic, partition and offset.
 */
public final class PoisonRecords {
    private static final PoisonRecords SHARED = new PoisonRecords(10_000);

    private final int capacity;
    private final Map<String, String> reasons;
    /** Read without the lock by {@link #take}: almost always zero, and then no key is built. */
    private volatile int held;
    private final ThreadLocal<InFlight> inFlight = new ThreadLocal<>();

    /**
     * The input record a stream thread is processing. The production exception handler needs it:
     * for a changelog write Kafka Streams hands it no record context (topic null, offset -1), but
     * a record refused by the producer's own size check is reported on the processing thread.
     */
    public record InFlight(String applicationId, String topic, int partition, long offset,
                           byte[] key, byte[] value, org.apache.kafka.common.header.Headers headers, long timestamp) { }

    /** Set when the record this thread processes was held while it was processed (a write refused). */
    private final ThreadLocal<String> heldWhileProcessing = new ThreadLocal<>();

    PoisonRecords(int capacity) {
        this.capacity = capacity;
        this.reasons = new LinkedHashMap<>();
    }

    public static PoisonRecords shared() {
        return SHARED;
    }

    /** Remembers that the record at this position must go to the dead-letter topic with {@code reason}. */
    public synchronized void hold(String applicationId, String topic, int partition, long offset, String reason) {
        if (topic == null || offset < 0) {
            return; // no position, no way to recognise the record again
        }
        reasons.put(key(applicationId, topic, partition, offset), reason);
        if (reasons.size() > capacity) {
            reasons.remove(reasons.keySet().iterator().next()); // the oldest; long since dead-lettered
        }
        held = reasons.size();
    }

    /** Marks {@code record} as the one this thread processes, until {@link #done()}. */
    public void processing(InFlight record) {
        inFlight.set(record);
        heldWhileProcessing.remove();
    }

    public void done() {
        inFlight.remove();
        heldWhileProcessing.remove();
    }

    /** Holds the record this thread is processing; the processor learns of it from {@link #heldWhileProcessing()}. */
    public void holdCurrent(String reason) {
        InFlight record = inFlight.get();
        // the first refusal is the cause; the producer then fails the transaction's other sends with it
        if (record != null && heldWhileProcessing.get() == null) {
            hold(record.applicationId(), record.topic(), record.partition(), record.offset(), reason);
            heldWhileProcessing.set(reason);
        }
    }

    /** The reason the record being processed was held during its processing, or null. */
    public String heldWhileProcessing() {
        return heldWhileProcessing.get();
    }

    /** The record this thread is processing, or null (outside processing, or on a producer thread). */
    public InFlight current() {
        return inFlight.get();
    }

    /** The reason a held record must be dead-lettered, or null; it is forgotten once taken. */
    public String take(String applicationId, String topic, int partition, long offset) {
        if (held == 0) {
            return null; // every record asks: keep the usual answer free
        }
        synchronized (this) {
            String reason = reasons.remove(key(applicationId, topic, partition, offset));
            held = reasons.size();
            return reason;
        }
    }

    /** Whether the record is held, without taking it: for tests. */
    public synchronized boolean holds(String applicationId, String topic, int partition, long offset) {
        return reasons.containsKey(key(applicationId, topic, partition, offset));
    }

    private static String key(String applicationId, String topic, int partition, long offset) {
        return applicationId + '\u0000' + topic + '\u0000' + partition + '\u0000' + offset;
    }
}
