package com.cspguard.topology.config;

/**
 * An output value with the topic it goes to. The topology has one sink that routes by this, so a
 * processor can write to every output topic without a sink node per topic.
 */
public record Routed(String topic, byte[] payload) {

    /** Writes the payload only; the topic was used for routing. */
    public static final class PayloadSerializer implements org.apache.kafka.common.serialization.Serializer<Routed> {
        @Override
        public byte[] serialize(String topic, Routed data) {
            return data == null ? null : data.payload();
        }
    }
}
