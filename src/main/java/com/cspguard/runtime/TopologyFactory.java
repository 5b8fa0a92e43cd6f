package com.cspguard.runtime;

import com.cspguard.topology.config.GuardMetrics;
import com.cspguard.topology.config.GuardSettings;
import com.cspguard.topology.GuardTopology;
import com.cspguard.topology.config.Routed;
import com.cspguard.topology.views.OpsViews;
import io.micronaut.configuration.kafka.streams.ConfiguredStreamBuilder;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.kstream.KStream;

/** Hands the production topology to micronaut-kafka-streams, which builds and runs it. */
@Factory
public class TopologyFactory {

    @Singleton
    KStream<byte[], Routed> guardTopology(ConfiguredStreamBuilder builder, GuardSettings settings, GuardMetrics metrics,
                                          OpsViews views) {
        return GuardTopology.build(builder, settings, metrics, views);
    }
}
