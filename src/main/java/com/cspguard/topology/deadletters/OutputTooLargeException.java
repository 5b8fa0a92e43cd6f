package com.cspguard.topology.deadletters;

/**
 * An output record the producer would refuse as too large. Thrown before it is forwarded: a refused
 * send under exactly-once aborts the whole transaction, while this is a processing error of one
 * input record that the processor can turn into a dead letter.
 */
public final class OutputTooLargeException extends RuntimeException {
    public OutputTooLargeException(String topic, long bytes, int limit) {
        super("output too large: a record for " + topic + " would have " + bytes + " bytes (at most " + limit + ")");
    }
}
