package com.cspguard.topology.facts;

import com.cspguard.domain.TimerType;

import java.time.Instant;
import java.util.Arrays;

/**
 * How far the timer chains of a subscription's earlier ends of term got, newest first, at most
 * {@value #KEPT}. When a snapshot brings back an end of term the subscription had before (an end
 * date corrected back, a deleted subscription restored), its chain resumes where it stopped instead
 * of starting again at TERM_ENDING: a timer that fired once never fires again. Only chains that
 * passed a due time are kept (a renewal's future end of term costs nothing), 9 bytes each, inside
 * the subscription's fact, so it costs no store access of its own. Only a subscription that has
 * been through more than {@value #KEPT} ends of term already due, coming back to the oldest, could
 * see a timer again.
 */
public final class EarlierChains {
    public static final int KEPT = 32;
    /** Progress value of a chain that fired or passed all its timers. */
    public static final byte FINISHED = -1;
    public static final EarlierChains NONE = new EarlierChains(new long[0], new byte[0]);

    private final long[] termEnds;
    private final byte[] next;

    private EarlierChains(long[] termEnds, byte[] next) {
        this.termEnds = termEnds;
        this.next = next;
    }

    public static EarlierChains of(long[] termEndMillis, byte[] nextOrdinals) {
        if (termEndMillis.length != nextOrdinals.length) {
            throw new IllegalArgumentException("term ends and progress differ in length");
        }
        return termEndMillis.length == 0 ? NONE : new EarlierChains(termEndMillis.clone(), nextOrdinals.clone());
    }

    /** Where the chain of {@code termEnd} stopped: a timer type, {@link #FINISHED}, or null when unknown. */
    public Byte progress(Instant termEnd) {
        long t = termEnd.toEpochMilli();
        for (int i = 0; i < termEnds.length; i++) {
            if (termEnds[i] == t) {
                return next[i];
            }
        }
        return null;
    }

    /** These chains with {@code termEnd}'s progress as the newest, replacing any older entry of it. */
    public EarlierChains with(Instant termEnd, TimerType nextTimer) {
        long t = termEnd.toEpochMilli();
        long[] ends = new long[KEPT];
        byte[] progress = new byte[KEPT];
        ends[0] = t;
        progress[0] = nextTimer == null ? FINISHED : (byte) nextTimer.ordinal();
        int n = 1;
        for (int i = 0; i < termEnds.length && n < KEPT; i++) {
            if (termEnds[i] != t) {
                ends[n] = termEnds[i];
                progress[n++] = next[i];
            }
        }
        return new EarlierChains(Arrays.copyOf(ends, n), Arrays.copyOf(progress, n));
    }

    /** These chains without {@code termEnd}: it became the current chain again. */
    public EarlierChains without(Instant termEnd) {
        long t = termEnd.toEpochMilli();
        int n = 0;
        long[] ends = new long[termEnds.length];
        byte[] progress = new byte[termEnds.length];
        for (int i = 0; i < termEnds.length; i++) {
            if (termEnds[i] != t) {
                ends[n] = termEnds[i];
                progress[n++] = next[i];
            }
        }
        return n == 0 ? NONE : new EarlierChains(Arrays.copyOf(ends, n), Arrays.copyOf(progress, n));
    }

    public long[] termEndMillis() {
        return termEnds.clone();
    }

    public byte[] progress() {
        return next.clone();
    }

    public int size() {
        return termEnds.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EarlierChains c && Arrays.equals(termEnds, c.termEnds) && Arrays.equals(next, c.next);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(termEnds) + Arrays.hashCode(next);
    }

    @Override
    public String toString() {
        return "EarlierChains" + Arrays.toString(termEnds) + Arrays.toString(next);
    }
}
