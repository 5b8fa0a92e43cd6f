package com.cspguard.topology.facts;

import com.cspguard.domain.Channel;
import com.cspguard.domain.HeldSubscription;
import com.cspguard.domain.Subscription;
import com.cspguard.domain.SubscriptionStatus;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A subscription the store does not hold is answered without a read once the facts have been
 * scanned (the index rebuild of init()), and never wrongly: a fact held before the scan, put during
 * it or after it is read.
 */
class FactStorePresenceTest {
    private KeyValueStore<String, byte[]> store;

    @BeforeEach
    void openStore() {
        store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("guard-state"), Serdes.String(), Serdes.ByteArray())
                .withLoggingDisabled().build();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
    }

    private static SubscriptionFact fact(String id) {
        Subscription sub = new Subscription(id, "O:1", null, 1, SubscriptionStatus.ACTIVE, false, null, null, null, null,
                null, false);
        return new SubscriptionFact(new HeldSubscription("e-" + id, Instant.EPOCH, Channel.CSP, "p", sub),
                null, null, null, null, null, null, null);
    }

    @Test
    void beforeTheScanEveryReadGoesToTheStore() {
        FactStore facts = new FactStore(store);
        assertThat(facts.subscription("t", "s1")).isNull();
        assertThat(facts.ops().drainReads()).isEqualTo(1);
        assertThat(facts.knowsAbsentSubscriptions()).isFalse();
    }

    @Test
    void afterTheScanANewSubscriptionCostsNoReadAndAHeldOneIsRead() {
        new FactStore(store).putSubscription("t", fact("held-before")); // as restored from the changelog
        FactStore facts = new FactStore(store);
        AtomicInteger scanned = new AtomicInteger();
        facts.forEachSubscription((tenant, f) -> scanned.incrementAndGet());
        assertThat(scanned).hasValue(1);
        assertThat(facts.knowsAbsentSubscriptions()).isTrue();

        assertThat(facts.subscription("t", "new")).isNull();
        assertThat(facts.ops().drainReads()).isZero();

        assertThat(facts.subscription("t", "held-before")).isNotNull();
        facts.putSubscription("t", fact("new"));
        assertThat(facts.subscription("t", "new")).isNotNull();
        assertThat(facts.ops().drainReads()).isEqualTo(2);
    }

    @Test
    void aFactPutWhileTheScanRunsIsKnownAfterIt() {
        FactStore facts = new FactStore(store);
        facts.putSubscription("t", fact("s1"));
        facts.forEachSubscription((tenant, f) -> facts.putSubscription("t", fact("during")));
        assertThat(facts.subscription("t", "during")).isNotNull();
        assertThat(facts.subscription("t", "s1")).isNotNull();
    }
}
