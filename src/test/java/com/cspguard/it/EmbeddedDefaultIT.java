package com.cspguard.it;

import com.cspguard.runtime.kafka.TopicDefinitions;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The default run mode: no cluster configured, the service brings its own broker and topics. */
class EmbeddedDefaultIT {

    private static Map<String, Object> props(Path dir, int kafkaPort) {
        Map<String, Object> p = new HashMap<>();
        p.put("guard.embedded-kafka.enabled", "true");
        p.put("guard.embedded-kafka.data-dir", dir.resolve("kafka").toString());
        p.put("kafka.bootstrap.servers", "127.0.0.1:" + kafkaPort);
        p.put("kafka.streams.default.state.dir", dir.resolve("streams").toString());
        p.put("guard.data-dir", dir.toString());
        p.put("micronaut.server.port", GuardInstance.freePort());
        return p;
    }

    @Test
    void startsItsOwnBrokerCreatesTheTopicsAndKeepsThemAcrossRestarts() throws Exception {
        Path dir = Files.createTempDirectory("guard-embedded-");
        int kafkaPort = GuardInstance.freePort();
        try {
            for (int run = 0; run < 2; run++) {
                try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, props(dir, kafkaPort))) {
                    KafkaStreams streams = server.getApplicationContext().getBean(KafkaStreams.class);
                    await().atMost(Duration.ofSeconds(60)).until(() -> streams.state() == KafkaStreams.State.RUNNING);
                    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + kafkaPort))) {
                        Set<String> topics = admin.listTopics().names().get(10, TimeUnit.SECONDS);
                        assertThat(topics).containsAll(TopicDefinitions.LOGICAL_NAMES);
                        assertThat(admin.describeTopics(List.of("subscription-events")).allTopicNames().get(10, TimeUnit.SECONDS)
                                .get("subscription-events").partitions()).hasSize(6);
                    }
                }
            }
            assertThat(dir.resolve("kafka").resolve("cluster.id")).exists();
        } finally {
            KafkaTestSupport.deleteQuietly(dir);
        }
    }

    @Test
    void aTopicWithTheWrongPartitionCountStopsTheStartWithAClearError() throws Exception {
        try (KafkaTestSupport kafka = new KafkaTestSupport()) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap()))) {
                admin.createTopics(List.of(new NewTopic("subscription-events", Optional.of(3), Optional.empty())))
                        .all().get(10, TimeUnit.SECONDS);
            }
            Map<String, Object> p = new HashMap<>();
            p.put("kafka.bootstrap.servers", kafka.bootstrap());
            p.put("guard.embedded-kafka.enabled", "false");
            p.put("kafka.streams.default.state.dir", kafka.dir.resolve("state").toString());
            p.put("guard.data-dir", kafka.dir.resolve("data").toString());
            p.put("micronaut.server.port", GuardInstance.freePort());
            assertThatThrownBy(() -> ApplicationContext.run(EmbeddedServer.class, p).close())
                    .hasStackTraceContaining("topic 'subscription-events' has 3 partitions but topics/subscription-events.topic.json declares 6");
        }
    }
}
