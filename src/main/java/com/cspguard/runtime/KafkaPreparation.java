package com.cspguard.runtime;

import com.cspguard.runtime.kafka.BrokerWait;
import com.cspguard.runtime.kafka.EmbeddedKafkaBroker;
import com.cspguard.runtime.kafka.TopicDefinition;
import com.cspguard.topology.config.GuardTopic;
import com.cspguard.runtime.kafka.TopicDefinitions;
import com.cspguard.runtime.kafka.TopicProvisioner;
import io.micronaut.configuration.kafka.config.KafkaDefaultConfiguration;
import io.micronaut.configuration.kafka.streams.event.BeforeKafkaStreamStart;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;
import io.micronaut.context.event.ApplicationEventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Runs right before the Kafka Streams client starts: brings up the embedded broker when no
 * cluster is configured, waits for the cluster to answer (up to {@code guard.kafka.startup-timeout}),
 * and creates the topics of {@code topics/}, because the client stops with
 * MissingSourceTopicException when they are missing. On shutdown it closes the stream first, then
 * the embedded broker, so the last commit still reaches a broker.
 */
@Singleton
public class KafkaPreparation implements ApplicationEventListener<BeforeKafkaStreamStart> {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaPreparation.class);
    private static final Duration LOG_PROGRESS_EVERY = Duration.ofSeconds(5);

    private final Environment env;
    private final KafkaDefaultConfiguration kafka;
    private final KafkaClientSettings clients;
    private final Path embeddedDataDir;
    private final boolean provision;
    private final int replicationFactor;
    private final Duration closeTimeout;
    private final Duration startupTimeout;
    private final StaticMembership membership;
    private EmbeddedKafkaBroker broker;
    private KafkaStreams streams;

    public KafkaPreparation(Environment env, KafkaDefaultConfiguration kafka, KafkaClientSettings clients,
                            @Property(name = "guard.embedded-kafka.data-dir") String embeddedDataDir,
                            @Property(name = "guard.topics.provision") boolean provision,
                            @Property(name = "guard.topics.replication-factor") int replicationFactor,
                            @Value("${kafka.streams.default.close-timeout:30s}") Duration closeTimeout,
                            @Property(name = "guard.kafka.startup-timeout") String startupTimeout,
                            StaticMembership membership) {
        this.env = env;
        this.kafka = kafka;
        this.clients = clients;
        this.embeddedDataDir = Path.of(embeddedDataDir);
        this.provision = provision;
        this.replicationFactor = replicationFactor;
        this.closeTimeout = closeTimeout;
        this.startupTimeout = Durations.parse("guard.kafka.startup-timeout", startupTimeout);
        this.membership = membership;
    }

    @Override
    public synchronized void onApplicationEvent(BeforeKafkaStreamStart event) {
        this.streams = event.getKafkaStreams();
        streams.setStateListener((now, before) -> LOG.info("Kafka Streams state {} -> {}", before, now));
        String bootstrap = kafka.getConfig().getProperty("bootstrap.servers");
        if (clients.embedded() && broker == null) {
            LOG.info("no kafka.bootstrap.servers (KAFKA_BOOTSTRAP_SERVERS) set: starting an embedded Kafka broker on {}", bootstrap);
            broker = new EmbeddedKafkaBroker(bootstrap, embeddedDataDir, Map.of());
            broker.start();
        } else {
            LOG.info("using the Kafka cluster at {}", bootstrap);
        }
        Properties config = adminConfig();
        try (Admin client = Admin.create(config)) {
            try {
                new BrokerWait(client, bootstrap, startupTimeout, LOG_PROGRESS_EVERY).await();
            } catch (BrokerWait.Refused refused) {
                throw credentialsRefused(bootstrap, config, refused.getCause());
            }
            if (provision) {
                provisionTopics(client);
            }
            membership.removeStaleMembers(client,
                    Integer.parseInt(env.getProperty("kafka.streams.default.num.stream.threads", String.class).orElse("1")),
                    Integer.parseInt(env.getProperty("kafka.streams.default.num.standby.replicas", String.class).orElse("0")));
        }
    }

    /**
     * Wrong credentials are not waited out: the start stops at once with a message that says which
     * settings to check, instead of a stream thread retrying in the background.
     */
    private static IllegalStateException credentialsRefused(String bootstrap, Properties config, Throwable cause) {
        String how = "security.protocol=" + config.getProperty("security.protocol", "PLAINTEXT")
                + Optional.ofNullable(config.getProperty("sasl.mechanism")).map(m -> ", sasl.mechanism=" + m).orElse("");
        return new IllegalStateException("Kafka at " + bootstrap + " refused the service's credentials (" + how
                + "): " + cause.getMessage() + ". Check KAFKA_SASL_JAAS_CONFIG (user name and password) "
                + "or the SSL key store settings.", cause);
    }

    private Properties adminConfig() {
        Properties admin = new Properties();
        admin.putAll(kafka.getConfig());
        return admin;
    }

    private void provisionTopics(Admin client) {
        Map<String, String> names = new HashMap<>();
        for (GuardTopic topic : GuardTopic.values()) {
            names.put(topic.contractName(), GuardSettingsFactory.topicName(env, topic));
        }
        List<TopicDefinition> definitions = TopicDefinitions.load(names);
        new TopicProvisioner(client, replicationFactor > 0 ? Optional.of((short) replicationFactor) : Optional.empty())
                .provision(definitions);
    }

    @PreDestroy
    public synchronized void close() {
        if (streams != null) {
            LOG.info("closing Kafka Streams (waiting up to {})", closeTimeout);
            // Leaving the group lets the remaining or restarted instances take over at once,
            // instead of after the session timeout of the member that went away.
            boolean closed = streams.close(CloseOptions.timeout(closeTimeout)
                    .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
            if (!closed) {
                LOG.warn("Kafka Streams did not close within {}; state will be restored at the next start", closeTimeout);
            }
        }
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }
}
