package com.cspguard.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What FactReuse counts on a sequence whose answers are known. */
class FactReuseTest {
    @Test
    void aGetIsCountedForAFactTheStoreHoldsAndAHitWhenTheCacheStillHasIt() {
        FactReuse.Tally tally = new FactReuse.Tally(new int[]{1, 2}, 100);
        for (String key : new String[]{"a", "b", "a", "c", "b", "b"}) {
            tally.event(key);
        }
        assertThat(tally.events).isEqualTo(6);
        assertThat(tally.held).containsExactlyInAnyOrder("a", "b", "c");
        // gets: the second a, the second and third b
        assertThat(tally.gets).isEqualTo(3);
        // a cache of one fact holds only the last written: the third b follows the second
        assertThat(tally.hits[0]).isEqualTo(1);
        // of two: the second a (after b) and the third b; the second b follows a and c
        assertThat(tally.hits[1]).isEqualTo(2);
    }

    @Test
    void aRepeatCountsOnlyWithinTheSameCommitInterval() {
        FactReuse.Tally tally = new FactReuse.Tally(new int[]{10}, 2);
        for (String key : new String[]{"a", "a", "a", "b", "c", "c"}) {
            tally.event(key);
        }
        // windows: [a a] [a b] [c c]: the second a of the first window and the second c of the last
        assertThat(tally.repeats).isEqualTo(2);
        assertThat(tally.gets).isEqualTo(3);
    }
}
