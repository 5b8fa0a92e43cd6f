package com.cspguard.it;

import com.cspguard.testdata.CatalogOffers;
import com.cspguard.testdata.TransferRequests;
import com.cspguard.testdata.SubscriptionEvents;
import com.cspguard.runtime.kafka.EmbeddedKafkaBroker;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static com.cspguard.it.ItRecords.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Start-up against a cluster that is not there yet, and against topics a user created beforehand. */
class StartupIT {

    private static Map<String, Object> props(String bootstrap, Path dir) {
        Map<String, Object> p = new HashMap<>();
        p.put("kafka.bootstrap.servers", bootstrap);
        p.put("guard.embedded-kafka.enabled", "false");
        p.put("kafka.streams.default.state.dir", dir.resolve("state").toString());
        p.put("kafka.streams.default.application.id", "guard-startup");
        p.put("micronaut.server.port", GuardInstance.freePort());
        return p;
    }

    @Test
    void waitsForABrokerThatStartsAfterTheService() throws Exception {
        Path dir = Files.createTempDirectory("guard-startup-");
        String bootstrap = "127.0.0.1:" + GuardInstance.freePort();
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(bootstrap, dir.resolve("kafka"), Map.of());
        CompletableFuture<EmbeddedServer> starting = CompletableFuture.supplyAsync(
                () -> ApplicationContext.run(EmbeddedServer.class, props(bootstrap, dir)));
        try {
            // Longer than the 30 s after which the first admin call used to give up and stop the start.
            await().pollDelay(Duration.ofSeconds(35)).atMost(Duration.ofSeconds(36)).until(() -> true);
            assertThat(starting).isNotDone();
            broker.start();
            EmbeddedServer server = starting.get(90, TimeUnit.SECONDS);
            KafkaStreams streams = server.getApplicationContext().getBean(KafkaStreams.class);
            await().atMost(Duration.ofSeconds(60)).until(() -> streams.state() == KafkaStreams.State.RUNNING);
            server.close();
        } finally {
            starting.cancel(true);
            broker.close();
            KafkaTestSupport.deleteQuietly(dir);
        }
    }

    @Test
    void givesUpWithAClearErrorWhenTheBrokerStaysAway() throws Exception {
        Path dir = Files.createTempDirectory("guard-startup-");
        String bootstrap = "127.0.0.1:" + GuardInstance.freePort();
        Map<String, Object> p = props(bootstrap, dir);
        p.put("guard.kafka.startup-timeout", "3s");
        try {
            assertThatThrownBy(() -> ApplicationContext.run(EmbeddedServer.class, p).close())
                    .hasStackTraceContaining("the Kafka cluster at " + bootstrap + " was not reachable within PT3S");
        } finally {
            KafkaTestSupport.deleteQuietly(dir);
        }
    }

    @Test
    void acceptsAPreCreatedCatalogWithAnyPartitionCountAndEveryTaskSeesTheWholeCatalog() throws Exception {
        try (KafkaTestSupport kafka = new KafkaTestSupport()) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap()))) {
                admin.createTopics(List.of(new NewTopic("offer-catalog", Optional.of(6), Optional.empty())))
                        .all().get(10, TimeUnit.SECONDS);
            }
            try (GuardInstance guard = new GuardInstance(kafka.bootstrap(), "guard-catalog6", kafka.dir.resolve("state"),
                    Map.of()).start()) {
                assertThat(guard.get("/health").statusCode()).isEqualTo(200);
                // Offers spread over the catalog's six partitions, all discontinued.
                int offers = 12;
                for (int i = 0; i < offers; i++) {
                    kafka.send("offer-catalog", "OFFER-" + i,
                            CatalogOffers.of("OFFER-" + i).named("o").discontinued().equivalents().toString());
                }
                try (KafkaConsumer<String, String> changes = kafka.consumer("transfer-guard-catalog-changes")) {
                    int copies = offers * 6; // each change reaches every partition of the internal topic
                    assertThat(KafkaTestSupport.readUntil(changes, r -> r.size() >= copies, Duration.ofSeconds(60)))
                            .hasSizeGreaterThanOrEqualTo(copies);
                }
                String tenant = UUID.randomUUID().toString();
                for (int i = 0; i < offers; i++) {
                    kafka.send("subscription-events", tenant, SubscriptionEvents.of(tenant, "s" + i).offer("OFFER-" + i).toString());
                }
                ObjectNode request = TransferRequests.of(tenant).transferId("t-catalog").duplicate().to("p2")
                        .lineItems(offers).json();
                try (KafkaConsumer<String, String> decisions = kafka.consumer("transfer-decisions")) {
                    kafka.send("transfer-requests", tenant, request.toString());
                    JsonNode decision = json(KafkaTestSupport.readUntil(decisions,
                                    r -> r.stream().anyMatch(c -> tenant.equals(c.key())), Duration.ofSeconds(30))
                            .stream().filter(c -> tenant.equals(c.key())).findFirst().orElseThrow().value());
                    Set<String> discontinued = new HashSet<>();
                    decision.get("findings").forEach(f -> {
                        if (f.get("code").asText().equals("OFFER_DISCONTINUED")) {
                            f.get("subscriptionIds").forEach(s -> discontinued.add(s.asText()));
                        }
                    });
                    Set<String> all = new HashSet<>();
                    for (int i = 0; i < offers; i++) {
                        all.add("s" + i);
                    }
                    assertThat(discontinued).isEqualTo(all);
                }
            }
        }
    }
}
