package com.cspguard.runtime;

import io.micronaut.configuration.kafka.config.KafkaDefaultConfiguration;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.env.Environment;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

/**
 * The Kafka client settings every client of the service starts from (micronaut-kafka copies them
 * into the streams configuration, and topic provisioning creates its admin client from them):
 * decides whether the embedded broker runs and checks the security settings, so that a missing
 * JAAS configuration or truststore fails the start with a message naming the setting.
 */
@Singleton
public class KafkaClientSettings implements BeanCreatedEventListener<KafkaDefaultConfiguration> {
    private static final Set<String> PROTOCOLS = Set.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");

    private final boolean embedded;
    private final String embeddedAddress;

    public KafkaClientSettings(Environment env,
                               @Property(name = "guard.embedded-kafka.enabled") String embeddedMode,
                               @Property(name = "guard.embedded-kafka.address") String embeddedAddress) {
        String bootstrap = env.getProperty("kafka.bootstrap.servers", String.class).orElse("");
        this.embedded = switch (embeddedMode.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            // auto: embedded exactly when no cluster is configured, by KAFKA_BOOTSTRAP_SERVERS or the property
            case "auto" -> bootstrap.isBlank();
            default -> throw new IllegalArgumentException("guard.embedded-kafka.enabled must be auto, true or false, was '"
                    + embeddedMode + "'");
        };
        this.embeddedAddress = bootstrap.isBlank() ? embeddedAddress.trim() : bootstrap.trim();
    }

    /** True when the service runs its own broker. */
    public boolean embedded() {
        return embedded;
    }

    @Override
    public KafkaDefaultConfiguration onCreated(BeanCreatedEvent<KafkaDefaultConfiguration> event) {
        Properties config = event.getBean().getConfig();
        if (embedded) {
            config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, embeddedAddress);
        }
        check(config, embedded);
        return event.getBean();
    }

    /** Fails on security settings that cannot work, naming the variable to fix. */
    static void check(Properties config, boolean embedded) {
        String protocol = config.getProperty(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT").trim().toUpperCase(Locale.ROOT);
        if (!PROTOCOLS.contains(protocol)) {
            throw new IllegalArgumentException("KAFKA_SECURITY_PROTOCOL must be one of " + PROTOCOLS + ", was '" + protocol + "'");
        }
        if (embedded && !protocol.equals("PLAINTEXT")) {
            throw new IllegalArgumentException("the embedded broker speaks PLAINTEXT only; KAFKA_SECURITY_PROTOCOL="
                    + protocol + " needs a cluster (KAFKA_BOOTSTRAP_SERVERS)");
        }
        if (protocol.startsWith("SASL_")) {
            String mechanism = config.getProperty(SaslConfigs.SASL_MECHANISM, "").trim();
            if (mechanism.isEmpty()) {
                throw new IllegalArgumentException("KAFKA_SECURITY_PROTOCOL=" + protocol
                        + " needs KAFKA_SASL_MECHANISM (PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512)");
            }
            if ((mechanism.equals("PLAIN") || mechanism.startsWith("SCRAM-"))
                    && config.getProperty(SaslConfigs.SASL_JAAS_CONFIG, "").isBlank()) {
                throw new IllegalArgumentException("KAFKA_SASL_MECHANISM=" + mechanism + " needs KAFKA_SASL_JAAS_CONFIG, e.g. "
                        + (mechanism.equals("PLAIN") ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                        : "org.apache.kafka.common.security.scram.ScramLoginModule")
                        + " required username=\"...\" password=\"...\";");
            }
        }
        for (String key : new String[]{SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG}) {
            String location = config.getProperty(key, "").trim();
            if (!location.isEmpty() && !Files.isReadable(Path.of(location))) {
                throw new IllegalArgumentException("KAFKA_" + key.toUpperCase(Locale.ROOT).replace('.', '_')
                        + " names " + location + ", which is not a readable file");
            }
        }
    }
}
