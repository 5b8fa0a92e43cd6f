package com.cspguard.runtime;

import io.micronaut.context.ApplicationContext;

import java.util.Map;

/** The Kafka Streams settings application.yml gives the service, as Micronaut resolves them with no variables set. */
public final class ConfiguredStreamsSettings {
    /** Only the environment (application.yml, no beans), read once for all the tests of the run. */
    private static final class Environment {
        static final io.micronaut.context.env.Environment ENV = ApplicationContext.builder()
                .properties(Map.of("kafka.bootstrap.servers", "127.0.0.1:1"))
                .deduceEnvironment(false).environments("streams-settings-test").build().getEnvironment().start();
    }

    private ConfiguredStreamsSettings() {
    }

    /** {@code kafka.streams.default.<name>}, or null when application.yml does not set it. */
    public static String of(String name) {
        return Environment.ENV.getProperty("kafka.streams.default." + name, String.class).orElse(null);
    }
}
