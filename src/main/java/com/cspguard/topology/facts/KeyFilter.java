package com.cspguard.topology.facts;

/**
 * A blocked Bloom filter of strings: each key sets {@value #PROBES} bits inside one 512-bit block (one
 * cache line), chosen by a 64-bit hash of its characters. A lookup is one hash over the key's chars and
 * one memory block, with no allocation. Guava's {@code BloomFilter}, used before, spent about a tenth of
 * the CPU-only processor's time per event in its streaming hasher (a {@code ByteBuffer} per key, a call
 * per char) and touched seven cache lines per lookup (docs/benchmarks.md). The price of the single
 * block is a slightly higher false-positive rate for the same bits; at {@value #BITS_PER_KEY} bits per
 * key it is about 1% (held by {@code KeyFilterTest}).
 */
final class KeyFilter {
    static final int BITS_PER_KEY = 12;
    static final int PROBES = 7;
    private static final int BLOCK_LONGS = 8; // 512 bits
    /** 2^26 blocks of 64 bytes (4 GiB): past that, more keys share the blocks (more false positives). */
    private static final int MAX_BLOCKS = 1 << 26;

    private final long[] bits;
    private final int blockMask;

    /** A filter sized for {@code capacity} keys (rounded up to a power-of-two number of blocks). */
    KeyFilter(int capacity) {
        long wanted = Math.max(1L, ((long) capacity * BITS_PER_KEY + 511) / 512);
        int blocks = Integer.highestOneBit((int) Math.min(MAX_BLOCKS, wanted));
        if (blocks < wanted && blocks < MAX_BLOCKS) {
            blocks <<= 1;
        }
        bits = new long[blocks * BLOCK_LONGS];
        blockMask = blocks - 1;
    }

    void put(String key) {
        long h = hash(key);
        int base = block(h);
        long g = mix(h);
        for (int i = 0; i < PROBES; i++, g >>>= 9) {
            int bit = (int) (g & 511);
            bits[base + (bit >>> 6)] |= 1L << bit;
        }
    }

    boolean mightContain(String key) {
        long h = hash(key);
        int base = block(h);
        long g = mix(h);
        for (int i = 0; i < PROBES; i++, g >>>= 9) {
            int bit = (int) (g & 511);
            if ((bits[base + (bit >>> 6)] & 1L << bit) == 0) {
                return false;
            }
        }
        return true;
    }

    /** The first long of the key's block: from the hash's upper half; its bits come from {@code mix(h)}. */
    private int block(long h) {
        return ((int) (h >>> 32) & blockMask) * BLOCK_LONGS;
    }

    /** The filter's size in bytes (its bit array). */
    long bytes() {
        return (long) bits.length * Long.BYTES;
    }

    /** A 64-bit hash of the key's chars: a multiply per char, then MurmurHash3's finaliser. */
    static long hash(String key) {
        long h = 0x9E3779B97F4A7C15L ^ key.length();
        for (int i = 0, n = key.length(); i < n; i++) {
            h = (h ^ key.charAt(i)) * 0x100000001B3L;
        }
        return mix(h);
    }

    /** MurmurHash3's 64-bit finaliser: every input bit reaches every output bit. */
    static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return h;
    }
}
