package com.cspguard.it;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.cspguard.it.ServiceIntegrationTest.event;
import static com.cspguard.it.ServiceIntegrationTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Two instances share the tenants; asking either one answers for every tenant. */
class TwoInstancesIntegrationTest {
    private final KafkaTestSupport kafka = new KafkaTestSupport();
    private final List<GuardInstance> instances = new ArrayList<>();

    @AfterEach
    void stop() {
        instances.forEach(GuardInstance::close);
        kafka.close();
    }

    @Test
    void eitherInstanceAnswersForEveryTenant() {
        GuardInstance a = new GuardInstance(kafka.bootstrap(), "guard-two", kafka.dir.resolve("a"), Map.of());
        GuardInstance b = new GuardInstance(kafka.bootstrap(), "guard-two", kafka.dir.resolve("b"), Map.of());
        instances.add(a.start());
        instances.add(b.start());
        await().atMost(Duration.ofSeconds(60)).until(() ->
                a.streams().metadataForAllStreamsClients().size() == 2
                        && a.streams().state().isRunningOrRebalancing() && b.streams().state().isRunningOrRebalancing()
                        && !a.streams().metadataForLocalThreads().iterator().next().activeTasks().isEmpty()
                        && !b.streams().metadataForLocalThreads().iterator().next().activeTasks().isEmpty());

        List<String> tenants = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String tenant = UUID.randomUUID().toString();
            tenants.add(tenant);
            ObjectNode e = event(tenant, "s1", "active", Instant.now());
            kafka.send("subscription-events", tenant, e.toString());
        }
        // the tenants spread over both instances
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            long onA = tenants.stream().filter(t -> owner(a, t).activeHost().port() == a.port).count();
            assertThat(onA).isBetween(1L, 11L);
        });
        for (String tenant : tenants) {
            for (GuardInstance asked : List.of(a, b)) {
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    var answer = asked.get("/tenants/" + tenant);
                    assertThat(answer.statusCode()).as("tenant %s asked on %d", tenant, asked.port).isEqualTo(200);
                    assertThat(json(answer.body()).get("countedSubscriptions").asInt()).isEqualTo(1);
                });
            }
        }
    }

    private static KeyQueryMetadata owner(GuardInstance instance, String tenant) {
        return instance.streams().queryMetadataForKey(com.cspguard.topology.config.StoreNames.STATE, tenant,
                new org.apache.kafka.common.serialization.StringSerializer());
    }
}
