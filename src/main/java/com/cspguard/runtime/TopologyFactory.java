package com.cspguard.runtime;

import com.cspguard.topology.GuardMetrics;
import com.cspguard.topology.GuardSettings;
import com.cspguard.topology.GuardTopology;
import com.cspguard.topology.Routed;
import io.micronaut.configuration.kafka.streams.ConfiguredStreamBuilder;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.kstream.KStream;

/** Hands the production topology to micronaut-kafka-streams, which builds and runs it. */
@Factory
public class TopologyFactory {

    @Singleton
    KStream<byte[], Routed> guardTopology(ConfiguredStreamBuilder builder, GuardSettings settings, GuardMetrics metrics) {
        return GuardTopology.build(builder, settings, metrics);
    }
}
