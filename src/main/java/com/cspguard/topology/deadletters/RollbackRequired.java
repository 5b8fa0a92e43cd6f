package com.cspguard.topology.deadletters;

import org.apache.kafka.streams.errors.TaskMigratedException;

/**
 * Processing of an input record failed after it had written to a store or sent an output. The
 * record is held in {@link PoisonRecords}, and its writes must be rolled back: under exactly-once
 * that means aborting the transaction and restoring the state from the changelog.
 * <p>
 * {@link #signal} wraps it in a {@link TaskMigratedException}, the one exception a processor can
 * throw that Kafka Streams answers by closing the thread's tasks dirty (transaction aborted, state
 * wiped and restored) and rejoining the group, <em>without</em> replacing the thread. A failed
 * thread instead leaves its consumer in the group until the session times out: measured at 46 s
 * during which the instance processed nothing, against a few seconds this way.
 */
public final class RollbackRequired extends RuntimeException {
    public RollbackRequired(String reason, Throwable cause) {
        super("rolling back a partly processed record, it goes to the dead-letter topic when read again: " + reason,
                cause);
    }

    /** The exception to throw from the processor. */
    public static TaskMigratedException signal(String reason, Throwable cause) {
        RollbackRequired rollback = new RollbackRequired(reason, cause);
        return new TaskMigratedException(rollback.getMessage(), rollback);
    }
}
