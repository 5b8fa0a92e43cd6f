package com.cspguard.topology.deadletters;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;

/**
 * How many bytes a record takes in a produce request, estimated from above, and the most a record
 * the guard writes may take. The producer refuses a record over its {@code max.request.size} (1 MiB
 * by default) with a RecordTooLargeException; under exactly-once that dooms the whole transaction,
 * so the guard checks first and keeps a margin for what the estimate does not see.
 */
public final class RecordSize {
    /** The producer's default {@code max.request.size}. */
    public static final int DEFAULT_MAX_REQUEST_SIZE = 1_048_576;
    /** Kept free below {@code max.request.size}: batch and record framing, varints, attributes. */
    public static final int HEADROOM = 4_096;
    /** Framing of one record in a batch of its own, from above (61 bytes batch header, 21 bytes record). */
    private static final int OVERHEAD = 128;
    /** Per header: its varint lengths, from above. */
    private static final int HEADER_OVERHEAD = 10;

    private RecordSize() { }

    /** The most bytes a record the guard writes may have, for a producer with {@code maxRequestSize}. */
    public static int limitFor(int maxRequestSize) {
        if (maxRequestSize <= 2 * HEADROOM) {
            throw new IllegalArgumentException("max.request.size " + maxRequestSize + " is too small; at least "
                    + (2 * HEADROOM + 1) + " bytes are needed");
        }
        return maxRequestSize - HEADROOM;
    }

    public static long of(byte[] key, byte[] value, Headers headers) {
        long size = OVERHEAD + length(key) + length(value);
        if (headers != null) {
            for (Header h : headers) {
                size += HEADER_OVERHEAD + h.key().getBytes(StandardCharsets.UTF_8).length + length(h.value());
            }
        }
        return size;
    }

    private static int length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }
}
