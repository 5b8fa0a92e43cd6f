package com.cspguard.it;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.cspguard.testdata.SubscriptionEvents.event;
import static com.cspguard.it.ItRecords.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Two instances share the tenants; asking either one answers for every tenant. */
class TwoInstancesIT {
    @RegisterExtension
    final GuardIntegration it = GuardIntegration.broker();
    private KafkaTestSupport kafka;

    @Test
    void eitherInstanceAnswersForEveryTenant() {
        GuardInstance a = it.start("a", "guard-two", Map.of());
        GuardInstance b = it.start("b", "guard-two", Map.of());
        GuardIntegration.awaitBalanced(Duration.ofSeconds(60), List.of(a, b));

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
                    assertThat(answer.statusCode()).as("tenant %s asked on %d: %s", tenant, asked.port, answer.body()).isEqualTo(200);
                    assertThat(json(answer.body()).get("countedSubscriptions").asInt()).isEqualTo(1);
                });
            }
        }
    }

    /**
     * With one standby replica, a tenant whose instance stops (and later comes back) is read on
     * the other instance throughout: from the standby copy while the active task moves, never a
     * failed read (each read may retry within guard.forward-timeout, the default 10 s).
     */
    @Test
    void anInstancesTenantsStayReadableWhileItStopsAndComesBack() throws Exception {
        Map<String, Object> standby = Map.of("kafka.streams.default.num.standby.replicas", 1);
        GuardInstance a = it.start("fa", "guard-failover", standby);
        GuardInstance b = it.start("fb", "guard-failover", standby);
        await().atMost(Duration.ofSeconds(90)).until(() -> a.streams().metadataForAllStreamsClients().size() == 2
                && hasActiveAndStandby(a) && hasActiveAndStandby(b));

        List<String> tenants = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String tenant = UUID.randomUUID().toString();
            tenants.add(tenant);
            kafka.send("subscription-events", tenant, event(tenant, "s1", "active", Instant.now()).toString());
        }
        for (String tenant : tenants) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(b.get("/tenants/" + tenant).statusCode()).isEqualTo(200));
        }
        List<String> onA = tenants.stream().filter(t -> owner(b, t).activeHost().port() == a.port).toList();
        assertThat(onA).isNotEmpty();
        // b's standby copies hold a's tenants before the stop
        var queriesOnB = b.bean(com.cspguard.topology.queries.TenantQueries.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> onA.stream()
                .allMatch(t -> queriesOnB.tenant(t, owner(b, t).partition(), com.cspguard.topology.queries.TenantQueries.Viewer.EVERYTHING).isPresent()));

        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean reading = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread reader = new Thread(() -> {
            for (int i = 0; reading.get(); i++) {
                String tenant = onA.get(i % onA.size());
                var answer = b.get("/tenants/" + tenant);
                reads.incrementAndGet();
                if (answer.statusCode() != 200 || json(answer.body()).get("countedSubscriptions").asInt() != 1) {
                    failures.add(tenant + ": " + answer.statusCode() + " " + answer.body());
                }
            }
        }, "failover-reader");
        reader.start();
        try {
            a.stop();
            // b takes over a's partitions: the rebalance, its thread in PARTITIONS_ASSIGNED, the standbys becoming active
            await().atMost(Duration.ofSeconds(90)).until(() -> b.streams().metadataForAllStreamsClients().size() == 1
                    && onA.stream().allMatch(t -> owner(b, t).activeHost().port() == b.port)
                    && b.streams().state() == org.apache.kafka.streams.KafkaStreams.State.RUNNING);
            int afterStop = reads.get();
            await().atMost(Duration.ofSeconds(30)).until(() -> reads.get() > afterStop + 20);
            // and back: a rejoins, the tasks move again
            a.start();
            await().atMost(Duration.ofSeconds(90)).until(() -> hasActiveAndStandby(a) && hasActiveAndStandby(b));
            int afterReturn = reads.get();
            await().atMost(Duration.ofSeconds(30)).until(() -> reads.get() > afterReturn + 20);
        } finally {
            reading.set(false);
            reader.join(30_000);
        }
        assertThat(failures).as("failed reads of %d", reads.get()).isEmpty();
    }

    private static boolean hasActiveAndStandby(GuardInstance i) {
        var threads = i.streams().metadataForLocalThreads();
        return i.streams().state() == org.apache.kafka.streams.KafkaStreams.State.RUNNING
                && threads.stream().anyMatch(t -> !t.activeTasks().isEmpty())
                && threads.stream().anyMatch(t -> !t.standbyTasks().isEmpty());
    }

    private static KeyQueryMetadata owner(GuardInstance instance, String tenant) {
        return instance.streams().queryMetadataForKey(com.cspguard.topology.config.StoreNames.STATE, tenant,
                new org.apache.kafka.common.serialization.StringSerializer());
    }
}
