package com.cspguard.topology.facts;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The blocked Bloom filter behind {@link SubscriptionPresence}: never a false "absent", about 1% false "present". */
class KeyFilterTest {

    @Property(tries = 200)
    void everyKeyPutIsFound(@ForAll @Size(max = 500) List<String> keys) {
        KeyFilter filter = new KeyFilter(Math.max(1, keys.size()));
        keys.forEach(filter::put);
        assertThat(keys).allMatch(filter::mightContain);
    }

    @Test
    void atCapacityAboutOneKeyInAHundredNeverPutIsReportedPresent() {
        int capacity = (1 << 12) * 512 / KeyFilter.BITS_PER_KEY; // 4,096 blocks, twelve bits per key: no rounding up
        KeyFilter filter = new KeyFilter(capacity);
        assertThat(filter.bytes() * 8 / capacity).isEqualTo(KeyFilter.BITS_PER_KEY);
        // keys shaped like the store's: a tenant id and a subscription id, many subscriptions per tenant
        List<String> tenants = IntStream.range(0, 2_000).mapToObj(i -> UUID.nameUUIDFromBytes(("t" + i).getBytes()).toString()).toList();
        for (int i = 0; i < capacity; i++) {
            filter.put("S|" + tenants.get(i % tenants.size()) + "|" + UUID.nameUUIDFromBytes(("s" + i).getBytes()));
        }
        long falsePositives = IntStream.range(0, 200_000)
                .filter(i -> filter.mightContain("S|" + tenants.get(i % tenants.size()) + "|" + UUID.nameUUIDFromBytes(("other" + i).getBytes())))
                .count();
        assertThat(falsePositives / 200_000.0).isBetween(0.003, 0.015);
    }

    @Test
    void sizedAtTwelveBitsPerKeyInWholeCacheLineBlocks() {
        assertThat(new KeyFilter(1).bytes()).isEqualTo(64);
        assertThat(new KeyFilter(1 << 16).bytes()).isEqualTo(131_072); // 98,304 bytes of bits, rounded up to 2^11 blocks
        assertThat(new KeyFilter(1 << 20).bytes()).isBetween((1L << 20) * 12 / 8, (1L << 20) * 12 / 4);
    }

    @Test
    void keysThatDifferInOneCharHashApart() {
        assertThat(KeyFilter.hash("S|t|s1")).isNotEqualTo(KeyFilter.hash("S|t|s2"));
        assertThat(KeyFilter.hash("ab")).isNotEqualTo(KeyFilter.hash("ba"));
        assertThat(KeyFilter.hash("")).isNotEqualTo(KeyFilter.hash("\u0000"));
    }
}
