package com.cspguard.topology.facts;

import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The Bloom filter that spares the store a read of a subscription it does not hold. */
class SubscriptionPresenceTest {

    @Test
    void beforeAScanEveryKeyMayBeHeld() {
        SubscriptionPresence presence = new SubscriptionPresence();
        presence.add("S|t|s1");
        assertThat(presence.complete()).isFalse();
        assertThat(presence.mayHold("S|t|never-added")).isTrue();
    }

    @Test
    void afterAScanAnAddedKeyIsHeldAndAKeyNeverAddedIsMostlyAbsent() {
        SubscriptionPresence presence = SubscriptionPresence.forScan(1_000);
        IntStream.range(0, 1_000).forEach(i -> presence.add("S|t|s" + i));
        presence.completed();
        assertThat(IntStream.range(0, 1_000).allMatch(i -> presence.mayHold("S|t|s" + i))).isTrue();
        long falsePositives = IntStream.range(0, 100_000).filter(i -> presence.mayHold("S|other|s" + i)).count();
        assertThat(falsePositives).isLessThan(2_000); // 1% expected
    }

    @Test
    void growingFarBeyondItsFirstSizeLosesNoKeyAndStaysSelective() {
        SubscriptionPresence presence = SubscriptionPresence.forScan(0);
        presence.completed();
        int keys = SubscriptionPresence.MIN_CAPACITY * 5;
        IntStream.range(0, keys).forEach(i -> presence.add("S|t|s" + i));
        assertThat(IntStream.range(0, keys).allMatch(i -> presence.mayHold("S|t|s" + i))).isTrue();
        long falsePositives = IntStream.range(0, 100_000).filter(i -> presence.mayHold("S|other|s" + i)).count();
        assertThat(falsePositives).isLessThan(5_000); // about 1% per filter, three filters
    }
}
