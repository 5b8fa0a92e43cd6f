package com.cspguard.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * A JSON object written straight into a byte array, for the two records that go out with many
 * events (the counts, half a record per event, and the fired timers): with a Jackson generator
 * created and closed per record a counts record took 480 ns, 290 ns here (a micro-benchmark,
 * docs/benchmarks.md). Strings of printable ASCII are copied as they are; any other string is
 * written by Jackson's own generator, so the text is what Jackson writes.
 * Field names are the contract's, written by the callers as constants.
 */
final class JsonBytes {
    private byte[] buf;
    private int len;
    /** Whether the next field needs a comma before it. */
    private boolean comma;

    JsonBytes(int capacity) {
        buf = new byte[capacity];
    }

    /** Opens the top-level object. */
    JsonBytes begin() {
        put('{');
        comma = false;
        return this;
    }

    /** Opens an object as the value of {@code name}. */
    JsonBytes beginObject(String name) {
        name(name);
        put('{');
        comma = false;
        return this;
    }

    /** Closes the object opened last. */
    JsonBytes end() {
        put('}');
        comma = true;
        return this;
    }

    /** A string field; {@code null} is written as JSON null. */
    JsonBytes field(String name, String value) {
        name(name);
        if (value == null) {
            ascii("null");
        } else {
            string(value);
        }
        return this;
    }

    JsonBytes field(String name, long value) {
        name(name);
        number(value);
        return this;
    }

    byte[] toBytes() {
        return Arrays.copyOf(buf, len);
    }

    private void name(String name) {
        if (comma) {
            put(',');
        }
        string(name);
        put(':');
        comma = true;
    }

    private void string(String value) {
        int n = value.length();
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
                escaped(value);
                return;
            }
        }
        put('"');
        ascii(value);
        put('"');
    }

    /**
     * Anything but printable ASCII goes through Jackson's own generator, so the bytes are exactly what
     * the outputs had before: its escapes, its UTF-8, and a lone surrogate written as a backslash-u
     * escape (Jackson's {@code JsonStringEncoder} would refuse it, and a fired timer that cannot be
     * written would fail at every punctuation). Rare: the contract's ids and codes are ASCII.
     */
    private void escaped(String value) {
        ByteArrayBuilder quoted = new ByteArrayBuilder(value.length() * 3 + 2);
        try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(quoted)) {
            g.writeString(value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON", e);
        }
        byte[] bytes = quoted.toByteArray();
        room(bytes.length);
        System.arraycopy(bytes, 0, buf, len, bytes.length);
        len += bytes.length;
    }

    /** Digits written in place: {@code Long.toString} made a counts record 65 ns slower (270 → 335 ns). */
    private void number(long value) {
        if (value < 0) {
            ascii(Long.toString(value));
            return;
        }
        int digits = 1;
        for (long v = value / 10; v > 0; v /= 10) {
            digits++;
        }
        room(digits);
        for (int i = len + digits - 1; i >= len; i--) {
            buf[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        len += digits;
    }

    private void ascii(String text) {
        room(text.length());
        for (int i = 0; i < text.length(); i++) {
            buf[len++] = (byte) text.charAt(i);
        }
    }

    private void put(char c) {
        room(1);
        buf[len++] = (byte) c;
    }

    private void room(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }
}
