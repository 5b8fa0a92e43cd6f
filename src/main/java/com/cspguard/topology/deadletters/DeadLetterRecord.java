package com.cspguard.topology.deadletters;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;

/**
 * The record the dead-letter topic gets for a bad input: the original key, value and headers, plus
 * {@code error.reason} and where the input came from ({@code error.topic}, {@code error.partition},
 * {@code error.offset}). It always fits in a produce request, because a dead letter that cannot be
 * written would stop the stream as surely as the bad record did:
 * <ul>
 *   <li>the reason is cut to {@link #MAX_REASON_CHARS} characters;</li>
 *   <li>when the whole record does not fit under the size limit, the value is left out and
 *       {@code error.value-dropped} says how many bytes it had;</li>
 *   <li>when it still does not fit (a huge key or huge headers), the original headers and then the
 *       key are left out the same way ({@code error.headers-dropped}, {@code error.key-dropped}).</li>
 * </ul>
 */
public final class DeadLetterRecord {
    public static final String ERROR_REASON = "error.reason";
    public static final String ERROR_TOPIC = "error.topic";
    public static final String ERROR_PARTITION = "error.partition";
    public static final String ERROR_OFFSET = "error.offset";
    public static final String ERROR_VALUE_DROPPED = "error.value-dropped";
    public static final String ERROR_HEADERS_DROPPED = "error.headers-dropped";
    public static final String ERROR_KEY_DROPPED = "error.key-dropped";
    /** Enough for every problem of a bad record; a longer reason repeats itself. */
    public static final int MAX_REASON_CHARS = 2_000;

    private final byte[] key;
    private final byte[] value;
    private final Headers headers;

    private DeadLetterRecord(byte[] key, byte[] value, Headers headers) {
        this.key = key;
        this.value = value;
        this.headers = headers;
    }

    /** Where a bad input came from; {@code topic} null when unknown. */
    public record Origin(String topic, int partition, long offset) {
        public static final Origin UNKNOWN = new Origin(null, -1, -1);
    }

    /**
     * The dead letter for the input {@code key}, {@code value}, {@code original} headers, at most
     * {@code maxBytes} (see {@link RecordSize#limitFor}) in all.
     */
    public static DeadLetterRecord of(byte[] key, byte[] value, Headers original, String reason, Origin origin,
                                      int maxBytes) {
        Headers errors = new RecordHeaders();
        errors.add(ERROR_REASON, utf8(truncated(reason)));
        if (origin.topic() != null) {
            errors.add(ERROR_TOPIC, utf8(origin.topic()));
            errors.add(ERROR_PARTITION, utf8(Integer.toString(origin.partition())));
            errors.add(ERROR_OFFSET, utf8(Long.toString(origin.offset())));
        }
        Headers kept = original == null ? new RecordHeaders() : new RecordHeaders(original.toArray());
        if (fits(key, value, kept, errors, maxBytes)) {
            return new DeadLetterRecord(key, value, with(kept, errors));
        }
        errors.add(ERROR_VALUE_DROPPED, utf8(Integer.toString(value == null ? 0 : value.length)));
        if (fits(key, null, kept, errors, maxBytes)) {
            return new DeadLetterRecord(key, null, with(kept, errors));
        }
        errors.add(ERROR_HEADERS_DROPPED, utf8(Integer.toString(kept.toArray().length)));
        if (fits(key, null, new RecordHeaders(), errors, maxBytes)) {
            return new DeadLetterRecord(key, null, errors);
        }
        errors.add(ERROR_KEY_DROPPED, utf8(Integer.toString(key.length)));
        return new DeadLetterRecord(null, null, errors);
    }

    static String truncated(String reason) {
        String r = reason == null ? "unknown" : reason;
        if (r.length() <= MAX_REASON_CHARS) {
            return r;
        }
        String tail = "… (" + r.length() + " characters, cut)";
        return r.substring(0, MAX_REASON_CHARS - tail.length()) + tail;
    }

    private static boolean fits(byte[] key, byte[] value, Headers kept, Headers errors, int maxBytes) {
        return RecordSize.of(key, value, kept) + RecordSize.of(null, null, errors) <= maxBytes;
    }

    private static Headers with(Headers kept, Headers errors) {
        for (Header h : errors) {
            kept.add(h);
        }
        return kept;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    public byte[] key() {
        return key;
    }

    /** The original value, or null when it was left out ({@code error.value-dropped}). */
    public byte[] value() {
        return value;
    }

    public Headers headers() {
        return headers;
    }

    public ProducerRecord<byte[], byte[]> toProducerRecord(String topic, Long timestamp) {
        return new ProducerRecord<>(topic, null, timestamp, key, value, headers);
    }
}
