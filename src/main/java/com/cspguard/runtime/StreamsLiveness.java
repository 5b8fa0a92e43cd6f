package com.cspguard.runtime;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Liveness;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.KafkaStreams;
import org.reactivestreams.Publisher;

import java.util.Map;

/**
 * {@code /health/liveness}: DOWN only when the process cannot recover by itself, that is when the
 * Kafka Streams client is in ERROR (every stream thread gone and none replaced). A rebalance, a
 * restore, a broker away or a dying thread that is replaced are not reasons to restart the
 * process: {@code /health} (readiness) is DOWN then, and a restart would only add a full restore.
 */
@Singleton
@Liveness
@Requires(beans = KafkaStreams.class)
public class StreamsLiveness implements HealthIndicator {
    private final KafkaStreams streams;

    public StreamsLiveness(KafkaStreams streams) {
        this.streams = streams;
    }

    static HealthStatus of(KafkaStreams.State state) {
        return state == KafkaStreams.State.ERROR ? HealthStatus.DOWN : HealthStatus.UP;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        KafkaStreams.State state = streams.state();
        return Publishers.just(HealthResult.builder("kafkaStreamsAlive", of(state)).details(Map.of("state", state.name())).build());
    }
}
