package com.cspguard.it;

import com.cspguard.testdata.SubscriptionEvents;
import com.cspguard.runtime.security.TokenCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Started as the README says, with no issuer and no secret: the service creates its signing secret
 * in the data folder, writes a working admin token to data/admin-token, and the token command makes
 * partner tokens with the same secret. Only GUARD_AUTH_ENABLED=false opens the API.
 */
class DefaultAccessIT {
    @RegisterExtension
    final GuardIntegration it = GuardIntegration.broker();
    private KafkaTestSupport kafka;
    private GuardInstance guard;

    @Test
    void createsASecretAndWritesAUsableAdminToken() throws Exception {
        Path data = kafka.dir.resolve("data");
        guard = it.start("state", "guard-default", Map.of("guard.auth.secret", "", "guard.data-dir", data.toString()));

        assertThat(data.resolve("jwt-secret")).exists();
        assertThat(Files.readString(data.resolve("jwt-secret")).trim().getBytes(StandardCharsets.UTF_8).length)
                .isGreaterThanOrEqualTo(32);
        String admin = Files.readString(data.resolve("admin-token")).trim();
        String unknown = UUID.randomUUID().toString();

        assertThat(guard.get("/tenants/" + unknown, null).statusCode()).isEqualTo(401);
        assertThat(guard.get("/tenants/" + unknown, admin).statusCode()).isEqualTo(404); // authenticated, tenant unknown
        assertThat(guard.get("/prometheus", admin).statusCode()).isEqualTo(200);
        // the test's fixed secret is not the one the service created
        assertThat(guard.get("/prometheus", TestTokens.admin()).statusCode()).isEqualTo(401);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc = TokenCommand.run(new String[]{"token", "--partner", UUID.randomUUID().toString()},
                Map.of("GUARD_DATA_DIR", data.toString()), new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertThat(rc).isZero();
        String partner = out.toString(StandardCharsets.UTF_8).trim();
        assertThat(guard.get("/tenants/" + unknown, partner).statusCode()).isEqualTo(404);
        assertThat(guard.get("/prometheus", partner).statusCode()).isEqualTo(403);
    }

    @Test
    void onlyAnExplicitSettingSwitchesAuthenticationOff() {
        guard = it.start("state", "guard-open", Map.of("guard.auth.enabled", "false", "guard.auth.secret", ""));
        String tenant = UUID.randomUUID().toString();
        kafka.send("subscription-events", tenant,
                SubscriptionEvents.event(tenant, "s1", "active", java.time.Instant.now()).toString());
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> guard.get("/tenants/" + tenant, null).statusCode() == 200);
        assertThat(guard.get("/prometheus", null).statusCode()).isEqualTo(200);
    }
}
