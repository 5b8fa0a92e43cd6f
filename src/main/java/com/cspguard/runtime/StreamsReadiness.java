package com.cspguard.runtime;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.KafkaStreams;
import org.reactivestreams.Publisher;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /health} is UP only while the stream can make progress: the Kafka Streams client is
 * RUNNING, no stream thread is dying over and over ({@link StreamThreadFailures}), and the cluster
 * answers ({@link ClusterProbe}). Micronaut's own streams indicator says UP while rebalancing,
 * when state cannot be queried, so it is switched off.
 */
@Singleton
@Requires(beans = KafkaStreams.class)
public class StreamsReadiness implements HealthIndicator {
    private final KafkaStreams streams;
    private final StreamThreadFailures failures;
    private final ClusterProbe cluster;

    public StreamsReadiness(KafkaStreams streams, StreamThreadFailures failures, ClusterProbe cluster) {
        this.streams = streams;
        this.failures = failures;
        this.cluster = cluster;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        KafkaStreams.State state = streams.state();
        Optional<String> stuck = state == KafkaStreams.State.RUNNING
                ? cluster.unreachable().or(failures::failing)
                : Optional.of("Kafka Streams is " + state);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("state", state.name());
        details.put("threads", streams.metadataForLocalThreads().size());
        details.put("threadFailures", failures.failures());
        stuck.ifPresent(reason -> details.put("reason", reason));
        return Publishers.just(HealthResult.builder("kafkaStreams", stuck.isEmpty() ? HealthStatus.UP : HealthStatus.DOWN)
                .details(details)
                .build());
    }
}
