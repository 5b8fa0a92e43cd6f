package com.cspguard.runtime;

import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.KafkaStreams;
import org.reactivestreams.Publisher;
import io.micronaut.core.async.publisher.Publishers;

import java.util.Map;

/**
 * {@code /health} is UP only while the Kafka Streams client is RUNNING. Micronaut's own streams
 * indicator says UP while rebalancing, when state cannot be queried, so it is switched off.
 */
@Singleton
@Requires(beans = KafkaStreams.class)
public class StreamsReadiness implements HealthIndicator {
    private final KafkaStreams streams;

    public StreamsReadiness(KafkaStreams streams) {
        this.streams = streams;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        KafkaStreams.State state = streams.state();
        HealthStatus status = state == KafkaStreams.State.RUNNING ? HealthStatus.UP : HealthStatus.DOWN;
        return Publishers.just(HealthResult.builder("kafkaStreams", status)
                .details(Map.of("state", state.name(), "threads", streams.metadataForLocalThreads().size()))
                .build());
    }
}
