package com.cspguard.runtime;

import com.cspguard.topology.config.GuardSettings;
import com.cspguard.topology.queries.TenantQueries;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.KafkaStreams;

@Factory
public class QueriesFactory {
    @Singleton
    TenantQueries tenantQueries(KafkaStreams streams, GuardSettings settings) {
        return new TenantQueries(streams, settings);
    }
}
