package com.cspguard.topology;

import com.cspguard.topology.views.OpsViews;
import com.cspguard.topology.config.GuardMetrics;
import com.cspguard.topology.config.GuardSettings;
import com.cspguard.topology.config.GuardTopics;
import com.cspguard.topology.config.Routed;
import com.cspguard.topology.config.StoreNames;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The whole topology on one page. Two sub-topologies:
 * <pre>
 *   offer-catalog ──► catalog-broadcaster ──► catalog-changes (every partition) / dead letters
 *
 *   subscription-events ┐
 *   transfer-requests   ├─► tenant-guard ──► counts, decisions, alerts, timers, dead letters
 *   catalog-changes     ┘      (store: guard-state, the facts; indexes in memory)
 * </pre>
 * All three inputs of tenant-guard are keyed and partitioned alike (by customer tenant id, the
 * catalog copied to every partition), so each task owns its tenants completely.
 */
public final class GuardTopology {
    private GuardTopology() { }

    /** A topology whose operations views nobody reads (benchmarks). */
    public static KStream<byte[], Routed> build(StreamsBuilder builder, GuardSettings settings, GuardMetrics metrics) {
        return build(builder, settings, metrics, new OpsViews());
    }

    /** The topology; each task publishes what the operations page shows to {@code views}. */
    public static KStream<byte[], Routed> build(StreamsBuilder builder, GuardSettings settings, GuardMetrics metrics,
                                                OpsViews views) {
        return build(builder, settings, metrics, views, p -> { });
    }

    /** As above; {@code created} sees each tenant-guard processor made, so tests can inspect its indexes. */
    static KStream<byte[], Routed> build(StreamsBuilder builder, GuardSettings settings, GuardMetrics metrics,
                                         OpsViews views, java.util.function.Consumer<TenantGuardProcessor> created) {
        GuardTopics topics = settings.topics();
        for (StoreBuilder<?> store : stores(settings)) {
            builder.addStateStore(store);
        }
        Produced<byte[], Routed> routed = Produced.with(Serdes.ByteArray(), Serdes.serdeFrom(new Routed.PayloadSerializer(), (topic, bytes) -> null));

        builder.stream(topics.offerCatalog(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(StoreNames.CATALOG_SOURCE))
                .process(() -> new CatalogBroadcaster(settings, metrics), Named.as(StoreNames.CATALOG_BROADCASTER))
                .to((key, value, ctx) -> value.topic(),
                        routed.withStreamPartitioner(broadcastTo(topics.catalogChanges())).withName(StoreNames.CATALOG_SINK));

        KStream<byte[], Routed> outputs = builder
                .stream(List.of(topics.subscriptionEvents(), topics.transferRequests(), topics.catalogChanges()),
                        Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(StoreNames.INPUT_SOURCE))
                .process(() -> {
                    TenantGuardProcessor p = new TenantGuardProcessor(settings, metrics, views);
                    created.accept(p);
                    return p;
                }, Named.as(StoreNames.TENANT_GUARD),
                        StoreNames.STATE);
        outputs.to((key, value, ctx) -> value.topic(), routed.withName(StoreNames.OUTPUT_SINK));
        return outputs;
    }

    /** Records for {@code topic} go to all its partitions; everything else is partitioned by key. */
    static StreamPartitioner<byte[], Routed> broadcastTo(String topic) {
        return (t, key, value, numPartitions) -> t.equals(topic)
                ? Optional.of(IntStream.range(0, numPartitions).boxed().collect(Collectors.toUnmodifiableSet()))
                : Optional.<Set<Integer>>empty();
    }

    public static List<StoreBuilder<?>> stores(GuardSettings settings) {
        return List.of(kv(StoreNames.STATE));
    }

    /**
     * Not cached: an event rarely writes the same fact twice within a commit interval, so a record
     * cache only delays the changelog writes to the commit (docs/benchmarks.md has the run).
     */
    private static StoreBuilder<?> kv(String name) {
        return Stores.keyValueStoreBuilder(supplier(name), Serdes.String(), Serdes.ByteArray());
    }

    private static KeyValueBytesStoreSupplier supplier(String name) {
        return Stores.persistentKeyValueStore(name);
    }
}
