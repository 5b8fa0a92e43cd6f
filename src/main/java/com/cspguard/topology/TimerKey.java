package com.cspguard.topology;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Key layout of the timer store: due time in epoch milliseconds as 8 bytes big-endian, one byte of
 * timer kind, then the owner ({@code tenant|subscription} or {@code tenant|transfer}) in UTF-8.
 * RocksDB orders keys as unsigned bytes, so this order is due-time order and a range scan from
 * the start up to "now" reads exactly the due timers.
 */
public final class TimerKey {
    private TimerKey() { }

    public static final int PREFIX_LENGTH = 9;
    /** Kind byte of the internal timer that closes an open transfer request at its maximum age. */
    public static final byte TRANSFER_EXPIRY = 9;

    public static byte[] encode(long dueAtMillis, byte kind, String owner) {
        if (dueAtMillis < 0) {
            dueAtMillis = 0; // before 1970: due long ago, fires at once
        }
        byte[] ownerBytes = owner.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(PREFIX_LENGTH + ownerBytes.length)
                .putLong(dueAtMillis).put(kind).put(ownerBytes).array();
    }

    /** The smallest key of every timer due after {@code millis}: an exclusive upper bound for "due by millis". */
    public static byte[] after(long millis) {
        return ByteBuffer.allocate(8).putLong(Math.max(0, millis) + 1).array();
    }

    public static long dueAt(byte[] key) {
        return ByteBuffer.wrap(key, 0, 8).getLong();
    }

    public static byte kind(byte[] key) {
        return key[8];
    }

    public static String owner(byte[] key) {
        return new String(key, PREFIX_LENGTH, key.length - PREFIX_LENGTH, StandardCharsets.UTF_8);
    }
}
