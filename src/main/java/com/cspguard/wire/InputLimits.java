package com.cspguard.wire;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The size and range limits every input record is checked against before it touches any state.
 * They exist so that a record accepted here can always be stored and its outputs sent: the binary
 * store format holds strings of at most 65,535 bytes, a changelog record and an output record must
 * fit the producer's {@code max.request.size} (1 MiB by default), and times must convert to epoch
 * milliseconds and take date arithmetic without overflow.
 *
 * @param maxRecordBytes  the most bytes a record value (or HTTP body) may have, checked before parsing
 * @param maxStringLength the most characters of any string field (ids, names, codes)
 * @param maxLineItems    the most line items of one transfer request
 */
public record InputLimits(int maxRecordBytes, int maxStringLength, int maxLineItems) {
    /** The earliest instant or date accepted: nothing the guard deals with is older. */
    public static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    /** The latest: the last moment of a four-digit year, far from any overflow of epoch milliseconds. */
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");
    static final LocalDate EARLIEST_DATE = LocalDate.of(1970, 1, 1);
    static final LocalDate LATEST_DATE = LocalDate.of(9999, 12, 31);

    public static final int DEFAULT_MAX_RECORD_BYTES = 65_536;
    public static final int DEFAULT_MAX_STRING_LENGTH = 1_024;
    public static final int DEFAULT_MAX_LINE_ITEMS = 500;

    public InputLimits {
        if (maxRecordBytes <= 0 || maxStringLength <= 0 || maxLineItems <= 0) {
            throw new IllegalArgumentException("input limits must be positive: record bytes " + maxRecordBytes
                    + ", string length " + maxStringLength + ", line items " + maxLineItems);
        }
        if (maxStringLength > 16_383) {
            // 16,383 chars of up to 3 bytes each stay under the 65,535 bytes a stored string may have
            throw new IllegalArgumentException("input string length limit " + maxStringLength
                    + " exceeds 16383, the most the store format can hold in any characters");
        }
    }

    public static InputLimits defaults() {
        return new InputLimits(DEFAULT_MAX_RECORD_BYTES, DEFAULT_MAX_STRING_LENGTH, DEFAULT_MAX_LINE_ITEMS);
    }
}
