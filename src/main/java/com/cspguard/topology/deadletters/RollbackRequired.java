package com.cspguard.topology.deadletters;

/**
 * Processing of an input record failed after it had written to a store or sent an output. The
 * record is held in {@link PoisonRecords}; this exception makes Kafka Streams fail the task so that
 * those writes are rolled back (under exactly-once: transaction aborted, state restored from the
 * changelog), after which the record is read again and dead-lettered.
 */
public final class RollbackRequired extends RuntimeException {
    public RollbackRequired(String reason, Throwable cause) {
        super("rolling back a partly processed record, it goes to the dead-letter topic when read again: " + reason,
                cause);
    }
}
