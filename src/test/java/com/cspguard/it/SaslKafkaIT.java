package com.cspguard.it;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static com.cspguard.testdata.SubscriptionEvents.event;
import static com.cspguard.it.ItRecords.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The service against a broker that only takes SASL/PLAIN clients: the security settings reach
 * topic provisioning (admin) and the stream (consumer, producers); wrong credentials stop the start
 * with an error that says so. The cluster is given as the kafka.bootstrap.servers property with the
 * embedded broker left on auto, which must not start one.
 */
class SaslKafkaIT {
    private static final String PLAIN = "org.apache.kafka.common.security.plain.PlainLoginModule required ";
    // The client listener keeps its name PLAINTEXT but speaks SASL_PLAINTEXT; the controller stays plain.
    @RegisterExtension
    static final GuardIntegration IT = GuardIntegration.broker().brokerSettings(Map.of(
                    "listener.security.protocol.map", "PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT",
                    "sasl.enabled.mechanisms", "PLAIN",
                    "sasl.mechanism.inter.broker.protocol", "PLAIN",
                    "listener.name.plaintext.plain.sasl.jaas.config", PLAIN
                            + "username=\"admin\" password=\"admin-secret\" user_admin=\"admin-secret\" user_guard=\"guard-secret\";"),
            client("admin", "admin-secret"));
    private KafkaTestSupport kafka;

    private static Map<String, String> client(String user, String password) {
        return Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "PLAIN",
                "sasl.jaas.config", PLAIN + "username=\"" + user + "\" password=\"" + password + "\";");
    }

    private Map<String, Object> serviceSettings(String user, String password) {
        Map<String, Object> p = new HashMap<>();
        p.put("guard.embedded-kafka.enabled", "auto");
        client(user, password).forEach((k, v) -> p.put("kafka." + k, v));
        return p;
    }

    @Test
    void goodCredentialsReachTheAdminAndTheStream() {
        try (GuardInstance guard = IT.start("ok", "guard-sasl", serviceSettings("guard", "guard-secret"))) {
            String tenant = UUID.randomUUID().toString();
            kafka.send("subscription-events", tenant, event(tenant, "s1", "active", Instant.now()).toString());
            await().atMost(Duration.ofSeconds(30)).until(() -> guard.get("/tenants/" + tenant).statusCode() == 200);
            assertThat(json(guard.get("/tenants/" + tenant).body()).get("countedSubscriptions").asInt()).isEqualTo(1);
        }
    }

    @Test
    void wrongCredentialsFailTheStartWithAClearError() {
        Map<String, Object> p = serviceSettings("guard", "not-the-password");
        p.put("kafka.bootstrap.servers", kafka.bootstrap());
        p.put("kafka.streams.default.state.dir", kafka.dir.resolve("bad").toString());
        p.put("guard.data-dir", kafka.dir.resolve("bad-data").toString());
        p.put("guard.auth.secret", TestTokens.SECRET);
        p.put("micronaut.server.port", GuardInstance.freePort());
        assertThatThrownBy(() -> ApplicationContext.run(EmbeddedServer.class, p).close())
                .hasStackTraceContaining("Kafka at " + kafka.bootstrap() + " refused the service's credentials")
                .hasStackTraceContaining("sasl.mechanism=PLAIN")
                .hasStackTraceContaining("KAFKA_SASL_JAAS_CONFIG");
    }
}
