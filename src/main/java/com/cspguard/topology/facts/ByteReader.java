package com.cspguard.topology.facts;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads what {@link ByteWriter} (or {@link java.io.DataOutputStream}) wrote, from the array itself.
 * Strings of plain ASCII, which every id is, become Strings in one copy; any other string is
 * decoded by {@link DataInputStream#readUTF}, so the decoding (and its errors) stays the JDK's.
 */
final class ByteReader {
    private final byte[] buf;
    private int pos;

    ByteReader(byte[] buf) {
        this.buf = buf;
    }

    private void need(int n) throws EOFException {
        if (pos + n > buf.length) {
            throw new EOFException("store value ends after " + buf.length + " bytes");
        }
    }

    byte readByte() throws EOFException {
        need(1);
        return buf[pos++];
    }

    boolean readBoolean() throws EOFException {
        return readByte() != 0;
    }

    int readInt() throws EOFException {
        need(4);
        int v = ((buf[pos] & 0xFF) << 24) | ((buf[pos + 1] & 0xFF) << 16) | ((buf[pos + 2] & 0xFF) << 8) | (buf[pos + 3] & 0xFF);
        pos += 4;
        return v;
    }

    long readLong() throws EOFException {
        return ((long) readInt() << 32) | (readInt() & 0xFFFFFFFFL);
    }

    String readUTF() throws IOException {
        need(2);
        int length = ((buf[pos] & 0xFF) << 8) | (buf[pos + 1] & 0xFF);
        need(2 + length);
        int start = pos + 2;
        for (int i = start; i < start + length; i++) {
            if (buf[i] <= 0) { // a multi-byte sequence (or a malformed zero): the JDK decodes it
                DataInputStream in = new DataInputStream(new ByteArrayInputStream(buf, pos, 2 + length));
                String s = in.readUTF();
                pos = start + length;
                return s;
            }
        }
        pos = start + length;
        return new String(buf, start, length, StandardCharsets.ISO_8859_1);
    }

    /** Steps over a string written by {@code writeUTF} without decoding it. */
    void skipUTF() throws EOFException {
        need(2);
        int length = ((buf[pos] & 0xFF) << 8) | (buf[pos + 1] & 0xFF);
        need(2 + length);
        pos += 2 + length;
    }

    void skip(int n) throws EOFException {
        need(n);
        pos += n;
    }
}
