package com.cspguard.topology.facts;

import java.io.UTFDataFormatException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * Writes store values in exactly the layout of {@link java.io.DataOutputStream} (big-endian
 * numbers, modified UTF-8 strings with a two-byte length), into one growing array: the streams,
 * their per-call buffers and the final copy took a tenth of an event's CPU time. The layout is
 * the one values were stored in before, so nothing stored needs converting.
 */
final class ByteWriter {
    private byte[] buf;
    private int pos;

    ByteWriter(int capacity) {
        buf = new byte[capacity];
    }

    private void ensure(int more) {
        if (pos + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
        }
    }

    void writeByte(int v) {
        ensure(1);
        buf[pos++] = (byte) v;
    }

    void writeBoolean(boolean v) {
        writeByte(v ? 1 : 0);
    }

    void writeInt(int v) {
        ensure(4);
        buf[pos++] = (byte) (v >>> 24);
        buf[pos++] = (byte) (v >>> 16);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
    }

    void writeLong(long v) {
        writeInt((int) (v >>> 32));
        writeInt((int) v);
    }

    /** {@link java.io.DataOutput#writeUTF}: modified UTF-8 ('\0' as two bytes), at most 65,535 bytes. */
    void writeUTF(String s) {
        int n = s.length();
        int length = n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80 || c == 0) {
                length += c >= 0x800 ? 2 : 1;
            }
        }
        if (length > 65_535) {
            throw new UncheckedIOException(new UTFDataFormatException("encoded string too long: " + length + " bytes"));
        }
        ensure(2 + length);
        buf[pos++] = (byte) (length >>> 8);
        buf[pos++] = (byte) length;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c != 0 && c < 0x80) {
                buf[pos++] = (byte) c;
            } else if (c < 0x800) {
                buf[pos++] = (byte) (0xC0 | (c >> 6));
                buf[pos++] = (byte) (0x80 | (c & 0x3F));
            } else {
                buf[pos++] = (byte) (0xE0 | (c >> 12));
                buf[pos++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                buf[pos++] = (byte) (0x80 | (c & 0x3F));
            }
        }
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }
}
