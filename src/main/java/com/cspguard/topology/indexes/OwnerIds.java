package com.cspguard.topology.indexes;

import java.util.UUID;

/**
 * Subscription and transfer ids are usually GUIDs in lowercase canonical form: such an id is kept
 * as two longs (16 bytes) instead of a String (80 bytes), which decides the schedule's memory.
 * Any other id is kept as it is.
 */
final class OwnerIds {
    private OwnerIds() { }

    private static final byte[] HEX = new byte[128];

    static {
        java.util.Arrays.fill(HEX, (byte) -1);
        for (char c = '0'; c <= '9'; c++) {
            HEX[c] = (byte) (c - '0');
        }
        for (char c = 'a'; c <= 'f'; c++) {
            HEX[c] = (byte) (c - 'a' + 10);
        }
    }

    /**
     * Parses a lowercase canonical UUID into {@code out[0]} (high bits) and {@code out[1]} (low bits);
     * false for any other id, which {@link #text} could not give back exactly.
     */
    static boolean parse(String id, long[] out) {
        if (id.length() != 36 || id.charAt(8) != '-' || id.charAt(13) != '-' || id.charAt(18) != '-'
                || id.charAt(23) != '-') {
            return false;
        }
        long high = 0;
        long low = 0;
        for (int i = 0; i < 36; i++) {
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                continue;
            }
            char c = id.charAt(i);
            int v = c < 128 ? HEX[c] : -1;
            if (v < 0) {
                return false;
            }
            if (i < 19) {
                high = (high << 4) | v;
            } else {
                low = (low << 4) | v;
            }
        }
        out[0] = high;
        out[1] = low;
        return true;
    }

    static String text(long high, long low) {
        return new UUID(high, low).toString();
    }
}
