package com.cspguard.runtime;

import io.micronaut.configuration.kafka.streams.AbstractKafkaStreamsConfiguration;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;

/**
 * This instance's HTTP address as other instances reach it. Kafka Streams publishes it to the
 * group ({@code application.server}), so any instance can find the owner of a tenant.
 */
@Singleton
public class SelfAddress implements BeanCreatedEventListener<AbstractKafkaStreamsConfiguration<?, ?>> {
    private final HostInfo host;

    public SelfAddress(@Value("${guard.application-server:}") String configured,
                       @Value("${micronaut.server.port:8080}") int port) {
        this.host = configured == null || configured.isBlank()
                ? new HostInfo("localhost", port) : HostInfo.buildFromEndpoint(configured.trim());
    }

    public HostInfo host() {
        return host;
    }

    @Override
    public AbstractKafkaStreamsConfiguration<?, ?> onCreated(BeanCreatedEvent<AbstractKafkaStreamsConfiguration<?, ?>> event) {
        event.getBean().getConfig().put(StreamsConfig.APPLICATION_SERVER_CONFIG, host.host() + ":" + host.port());
        return event.getBean();
    }
}
