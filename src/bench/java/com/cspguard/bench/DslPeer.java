package com.cspguard.bench;

import com.cspguard.wire.Json;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The DSL peer of issue 10: what a platform team would write for the counting part of the guard
 * alone, with nothing but the DSL's defaults. The latest snapshot of each subscription as a
 * {@code KTable} keyed {@code tenant|subscription}, re-grouped by tenant and aggregated with an adder
 * and a subtractor into the counts of active, pending and suspended subscriptions, which go to an
 * output topic. No rules, no timers, no ordering of snapshots: it does less than the guard, so it
 * is the bar the guard has to clear.
 */
final class DslPeer {
    private DslPeer() { }

    static final String APPLICATION_ID = "bench-dsl-peer";
    /** Where the counts go; created by the benchmark with the input's partitions. */
    static final String OUTPUT = "dsl-peer-counts";

    static Topology topology(String subscriptionEvents, String output) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(subscriptionEvents, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .map((tenant, json) -> latest(json))
                .filter((key, status) -> key != null)
                .toTable(Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as("dsl-peer-latest")
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.String()))
                .groupBy((key, status) -> KeyValue.pair(key.substring(0, key.indexOf('|')), status),
                        Grouped.with(Serdes.String(), Serdes.String()))
                .aggregate(() -> Counts.ZERO,
                        (tenant, status, counts) -> counts.plus(status, 1),
                        (tenant, status, counts) -> counts.plus(status, -1),
                        Materialized.<String, Counts, KeyValueStore<Bytes, byte[]>>as("dsl-peer-counts")
                                .withKeySerde(Serdes.String()).withValueSerde(Counts.SERDE))
                .toStream()
                .mapValues(Counts::json)
                .to(output, Produced.with(Serdes.String(), Serdes.String()));
        return builder.build();
    }

    /** {@code tenant|subscription} and the snapshot's status; a null key for a record that does not parse. */
    private static KeyValue<String, String> latest(byte[] json) {
        try {
            JsonNode event = Json.MAPPER.readTree(json);
            JsonNode subscription = event.path("subscription");
            return KeyValue.pair(event.path("customerTenantId").asText() + "|" + subscription.path("id").asText(),
                    subscription.path("status").asText());
        } catch (IOException e) {
            return KeyValue.pair(null, null);
        }
    }

    /** A tenant's subscriptions in the counted statuses. */
    record Counts(int active, int pending, int suspended) {
        static final Counts ZERO = new Counts(0, 0, 0);

        Counts plus(String status, int delta) {
            return switch (status) {
                case "active" -> new Counts(active + delta, pending, suspended);
                case "pending" -> new Counts(active, pending + delta, suspended);
                case "suspended" -> new Counts(active, pending, suspended + delta);
                default -> this;
            };
        }

        String json() {
            return "{\"active\":" + active + ",\"pending\":" + pending + ",\"suspended\":" + suspended + "}";
        }

        static final Serde<Counts> SERDE = Serdes.serdeFrom(
                (Serializer<Counts>) (topic, c) -> c == null ? null
                        : ByteBuffer.allocate(12).putInt(c.active).putInt(c.pending).putInt(c.suspended).array(),
                (Deserializer<Counts>) (topic, bytes) -> {
                    if (bytes == null) {
                        return null;
                    }
                    ByteBuffer b = ByteBuffer.wrap(bytes);
                    return new Counts(b.getInt(), b.getInt(), b.getInt());
                });
    }
}
