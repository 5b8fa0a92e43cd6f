package com.cspguard.topology.deadletters;

import com.cspguard.topology.deadletters.DeadLetterRecord.Origin;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterRecordTest {
    private static final int LIMIT = RecordSize.limitFor(RecordSize.DEFAULT_MAX_REQUEST_SIZE);
    private static final Origin ORIGIN = new Origin("transfer-requests", 3, 42);
    private static final byte[] KEY = "tenant-1".getBytes(StandardCharsets.UTF_8);

    private static String header(DeadLetterRecord r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static Headers original() {
        RecordHeaders h = new RecordHeaders();
        h.add("traceparent", "00-abc-01".getBytes(StandardCharsets.UTF_8));
        return h;
    }

    @Test
    void keepsKeyValueAndHeadersAndAddsTheReasonAndOrigin() {
        byte[] value = "{not json".getBytes(StandardCharsets.UTF_8);
        DeadLetterRecord r = DeadLetterRecord.of(KEY, value, original(), "invalid JSON", ORIGIN, LIMIT);
        assertThat(r.key()).isEqualTo(KEY);
        assertThat(r.value()).isEqualTo(value);
        assertThat(header(r, "traceparent")).isEqualTo("00-abc-01");
        assertThat(header(r, DeadLetterRecord.ERROR_REASON)).isEqualTo("invalid JSON");
        assertThat(header(r, DeadLetterRecord.ERROR_TOPIC)).isEqualTo("transfer-requests");
        assertThat(header(r, DeadLetterRecord.ERROR_PARTITION)).isEqualTo("3");
        assertThat(header(r, DeadLetterRecord.ERROR_OFFSET)).isEqualTo("42");
        assertThat(header(r, DeadLetterRecord.ERROR_VALUE_DROPPED)).isNull();
    }

    @Test
    void aLongReasonIsCutToItsBoundAndSaysSo() {
        String reason = "missing field: lineItems[0].subscriptionId; ".repeat(2_000);
        DeadLetterRecord r = DeadLetterRecord.of(KEY, new byte[10], null, reason, ORIGIN, LIMIT);
        String written = header(r, DeadLetterRecord.ERROR_REASON);
        assertThat(written).hasSize(DeadLetterRecord.MAX_REASON_CHARS)
                .startsWith("missing field: lineItems[0].subscriptionId; ")
                .endsWith("… (" + reason.length() + " characters, cut)");
    }

    @Test
    void aReasonAtTheBoundIsKeptWhole() {
        String reason = "r".repeat(DeadLetterRecord.MAX_REASON_CHARS);
        assertThat(header(DeadLetterRecord.of(KEY, null, null, reason, ORIGIN, LIMIT), DeadLetterRecord.ERROR_REASON))
                .isEqualTo(reason);
    }

    @Test
    void aValueThatWouldNotFitIsDroppedAndItsSizeNamed() {
        byte[] value = new byte[LIMIT]; // with the key and headers, over the limit
        DeadLetterRecord r = DeadLetterRecord.of(KEY, value, original(), "output could not be written", ORIGIN, LIMIT);
        assertThat(r.value()).isNull();
        assertThat(r.key()).isEqualTo(KEY);
        assertThat(header(r, "traceparent")).isEqualTo("00-abc-01");
        assertThat(header(r, DeadLetterRecord.ERROR_VALUE_DROPPED)).isEqualTo(Integer.toString(LIMIT));
        assertThat(RecordSize.of(r.key(), r.value(), r.headers())).isLessThanOrEqualTo(LIMIT);
    }

    @Test
    void theLargestValueThatFitsIsKept() {
        byte[] small = new byte[1_000];
        long framing = RecordSize.of(KEY, small, DeadLetterRecord.of(KEY, small, original(), "x", ORIGIN, LIMIT).headers())
                - small.length;
        // the fit check counts the record framing twice (kept part and error headers), so leave that much
        byte[] value = new byte[(int) (LIMIT - framing - 200)];
        DeadLetterRecord r = DeadLetterRecord.of(KEY, value, original(), "x", ORIGIN, LIMIT);
        assertThat(r.value()).isSameAs(value);
        assertThat(RecordSize.of(r.key(), r.value(), r.headers())).isLessThanOrEqualTo(LIMIT);
    }

    @Test
    void hugeHeadersAndThenAHugeKeyAreDroppedTooSoTheRecordAlwaysFits() {
        RecordHeaders huge = new RecordHeaders();
        huge.add("blob", new byte[LIMIT]);
        DeadLetterRecord r = DeadLetterRecord.of(KEY, new byte[100], huge, "too large", ORIGIN, LIMIT);
        assertThat(r.key()).isEqualTo(KEY);
        assertThat(r.headers().lastHeader("blob")).isNull();
        assertThat(header(r, DeadLetterRecord.ERROR_HEADERS_DROPPED)).isEqualTo("1");

        byte[] hugeKey = new byte[LIMIT + 1];
        DeadLetterRecord k = DeadLetterRecord.of(hugeKey, new byte[100], null, "too large", ORIGIN, LIMIT);
        assertThat(k.key()).isNull();
        assertThat(header(k, DeadLetterRecord.ERROR_KEY_DROPPED)).isEqualTo(Integer.toString(LIMIT + 1));
        assertThat(RecordSize.of(k.key(), k.value(), k.headers())).isLessThanOrEqualTo(LIMIT);
    }

    @Test
    void withoutAnOriginNoOriginHeadersAreWritten() {
        DeadLetterRecord r = DeadLetterRecord.of(KEY, new byte[1], null, "x", Origin.UNKNOWN, LIMIT);
        assertThat(Arrays.stream(r.headers().toArray()).map(Header::key)).containsExactly(DeadLetterRecord.ERROR_REASON);
    }

    @Test
    void theOriginalHeadersAreNotChanged() {
        Headers original = original();
        DeadLetterRecord.of(KEY, new byte[1], original, "x", ORIGIN, LIMIT);
        assertThat(original.toArray()).hasSize(1);
    }
}
