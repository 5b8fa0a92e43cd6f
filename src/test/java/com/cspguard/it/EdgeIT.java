package com.cspguard.it;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.cspguard.runtime.http.ApiEdgeFilter;
import com.cspguard.runtime.http.AuditLog;
import com.cspguard.runtime.security.Tokens;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.LoggerFactory;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.cspguard.it.ItRecords.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The edge of the API on one instance checking HS256 tokens: strict bodies (415, 400), 414 and
 * 431, the security headers, /health details for the admin only, strict token claims with one WARN
 * line per refusal and no stack trace, the audit lines, the per-caller rate limit and the limit on
 * refused tokens, and the read timeout for a body that never comes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EdgeIT {
    @RegisterExtension
    static final GuardIntegration IT = GuardIntegration.service("guard-edge").settings(Map.of(
            "guard.http.rate-limit.per-minute", "60",
            "guard.http.rate-limit.burst", String.valueOf(EdgeIT.BURST),
            "guard.http.rate-limit.refusals-per-minute", "12",
            "guard.http.body-timeout", "2s"));
    /** Far above what the other tests make as one partner, so that only the rate-limit test reaches it. */
    private static final int BURST = 100;
    private final String partner = UUID.randomUUID().toString();
    private final String tenant = UUID.randomUUID().toString();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private KafkaTestSupport kafka;
    private GuardInstance guard;

    @BeforeAll
    void seed() {
        kafka.send("subscription-events", tenant, ItRecords.held(tenant, "s1", partner).toString());
        await().atMost(Duration.ofSeconds(60)).until(() -> guard.get("/tenants/" + tenant, TestTokens.partner(partner)).statusCode() == 200);
        logged.start();
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(logged);
        ((Logger) LoggerFactory.getLogger(AuditLog.LOGGER)).setLevel(Level.INFO); // the tests' logback keeps WARN and above
    }

    @AfterAll
    void stop() {
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(logged);
    }

    @BeforeEach
    void forget() {
        logged.list.clear();
    }

    /** A token of a partner of its own, so that each test has its own rate-limit bucket. */
    private static String freshPartner() {
        return TestTokens.partner(UUID.randomUUID().toString());
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + guard.port + path));
        return token == null ? b : b.header("Authorization", "Bearer " + token);
    }

    private String dryRun() {
        return ItRecords.transfer(tenant, UUID.randomUUID().toString(), "s1").toString();
    }

    @Test
    @Order(1)
    void aBodyMustBeJsonDeclaredAsSuchValidUtf8AndOneValue() throws Exception {
        String token = TestTokens.partner(partner);
        String body = dryRun();
        assertThat(guard.post("/transfers/evaluate", body, token).statusCode()).isEqualTo(200);
        for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "application/xml")) {
            HttpResponse<String> answer = send(request("/transfers/evaluate", token).header("Content-Type", type)
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
            assertThat(answer.statusCode()).as(type).isEqualTo(415);
            assertThat(json(answer.body()).get("message").asText()).contains("application/json");
        }
        assertThat(send(request("/transfers/plan", token).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(body))).statusCode()).isEqualTo(415);
        assertThat(send(request("/transfers/evaluate", token).POST(HttpRequest.BodyPublishers.ofString(body))).statusCode())
                .as("no content type").isEqualTo(415);
        assertThat(send(request("/transfers/evaluate", token).header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body))).statusCode()).isEqualTo(200);

        for (String trailing : List.of(body + " {}", body + "garbage", body + "]", body + "\"x\"")) {
            HttpResponse<String> answer = guard.post("/transfers/evaluate", trailing, token);
            assertThat(answer.statusCode()).as(trailing).isEqualTo(400);
            assertThat(answer.body()).contains("more than one JSON value");
        }
        assertThat(guard.post("/transfers/evaluate", body + " \n\t", token).statusCode()).as("white space after").isEqualTo(200);

        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        byte[] invalid = new byte[bytes.length];
        System.arraycopy(bytes, 0, invalid, 0, bytes.length);
        int at = body.indexOf("SALES_AGENT");
        invalid[at] = (byte) 0xC3;
        invalid[at + 1] = (byte) 0x28; // an invalid two-byte sequence
        HttpResponse<String> answer = send(request("/transfers/evaluate", token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(invalid)));
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("UTF-8");
    }

    @Test
    @Order(2)
    void aLongUriIs414AndLargeHeadersAre431() throws Exception {
        String token = freshPartner();
        HttpResponse<String> longUri = send(request("/tenants/" + "x".repeat(5_000), token).GET());
        assertThat(longUri.statusCode()).isEqualTo(414);
        HttpResponse<String> bigHeader = send(request("/tenants/" + tenant, token).header("X-Padding", "y".repeat(9_000)).GET());
        assertThat(bigHeader.statusCode()).isEqualTo(431);
        // a body above the limit is still 413
        assertThat(guard.post("/transfers/evaluate", "{\"pad\":\"" + "x".repeat(1_100_000) + "\"}", token).statusCode())
                .isEqualTo(413);
    }

    @Test
    @Order(3)
    void everyAnswerCarriesTheSecurityHeadersAndThePageAPolicy() throws Exception {
        String token = freshPartner();
        for (HttpResponse<String> answer : List.of(guard.get("/tenants/" + tenant, TestTokens.partner(partner)),
                guard.get("/tenants/" + UUID.randomUUID(), token), guard.get("/tenants/x", null),
                guard.get("/health", null), guard.get("/ui", null), guard.get("/ui/app.js", null),
                guard.get("/openapi/csp-transfer-guard.yml", null), guard.post("/transfers/evaluate", "{}", token))) {
            assertThat(answer.headers().firstValue("X-Content-Type-Options")).as("%s", answer.uri()).contains("nosniff");
            assertThat(answer.headers().firstValue("Cache-Control")).as("%s", answer.uri()).contains("no-store");
        }
        String policy = guard.get("/ui", null).headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).contains("default-src 'none'").contains("script-src 'self'").contains("frame-ancestors 'none'");
    }

    @Test
    @Order(4)
    void healthShowsItsDetailsToTheAdminOnly() {
        JsonNode anonymous = json(guard.get("/health", null).body());
        assertThat(anonymous.get("status").asText()).isEqualTo("UP");
        assertThat(anonymous.has("details")).isFalse();
        assertThat(json(guard.get("/health", freshPartner()).body()).has("details")).isFalse();
        assertThat(json(guard.get("/health", TestTokens.admin()).body()).has("details")).isTrue();
    }

    @Test
    @Order(5)
    void aRefusedTokenIsOneWarnLineWithoutStackTrace() {
        Instant now = Instant.now();
        String noTid = Tokens.mint(TestTokens.SECRET, "someone", "tid", null, List.of(), Duration.ofHours(1), now);
        String forAges = Tokens.mint(TestTokens.SECRET, "someone", "tid", partner, List.of(), Duration.ofDays(3650), now);
        String otherIssuer = Tokens.mint(TestTokens.SECRET, "https://elsewhere", "someone", "tid", partner, List.of(),
                Duration.ofHours(1), now);
        for (String token : List.of(noTid, forAges, otherIssuer, "not-a-jwt")) {
            logged.list.clear();
            assertThat(guard.get("/tenants/" + tenant, token).statusCode()).isEqualTo(401);
            List<ILoggingEvent> warnings = logged.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN)).toList();
            assertThat(warnings).as("token %s", token).hasSize(1);
            assertThat(warnings.get(0).getLoggerName()).isEqualTo(ApiEdgeFilter.class.getName());
            assertThat(warnings.get(0).getThrowableProxy()).isNull();
            assertThat(warnings.get(0).getFormattedMessage()).contains("refused a bearer token");
        }
        assertThat(logged.list.get(logged.list.size() - 1).getFormattedMessage()).isNotNull();
    }

    @Test
    @Order(6)
    void tenantReadsDryRunsAndRefusalsLeaveOneAuditLineEach() {
        String token = TestTokens.partner(partner);
        String stranger = UUID.randomUUID().toString();
        guard.get("/tenants/" + tenant, token);
        guard.get("/tenants/" + tenant, TestTokens.partner(stranger));
        guard.post("/transfers/evaluate", dryRun(), token);
        guard.get("/tenants/" + tenant, null);
        guard.get("/prometheus", token);
        List<JsonNode> lines = logged.list.stream().filter(e -> e.getLoggerName().equals(AuditLog.LOGGER))
                .map(e -> json(e.getFormattedMessage())).toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0).get("tid").asText()).isEqualTo(partner);
        assertThat(lines.get(0).get("sub").asText()).isEqualTo("it-partner-" + partner);
        assertThat(lines.get(0).get("action").asText()).isEqualTo("GET /tenants/{id}");
        assertThat(lines.get(0).get("tenant").asText()).isEqualTo(tenant);
        assertThat(lines.get(0).get("outcome").asText()).isEqualTo("allowed");
        assertThat(lines.get(1).get("tid").asText()).isEqualTo(stranger);
        assertThat(lines.get(1).get("outcome").asText()).isEqualTo("refused:not-visible");
        assertThat(lines.get(1).get("status").asInt()).isEqualTo(404);
        assertThat(lines.get(2).get("action").asText()).isEqualTo("POST /transfers/evaluate");
        assertThat(lines.get(2).get("tenant").asText()).isEqualTo(tenant);
        assertThat(lines.get(2).get("outcome").asText()).isEqualTo("allowed");
        assertThat(lines.get(3).get("outcome").asText()).isEqualTo("refused:unauthenticated");
        assertThat(lines.get(4).get("outcome").asText()).isEqualTo("refused:forbidden");
        assertThat(lines.get(4).get("action").asText()).isEqualTo("GET /prometheus");
    }

    @Test
    @Order(7)
    void aCallerAboveItsRateGets429WithRetryAfter() {
        String token = freshPartner();
        int ok = 0;
        HttpResponse<String> refused = null;
        for (int i = 0; i < BURST + 10 && refused == null; i++) {
            HttpResponse<String> answer = guard.get("/tenants/" + tenant, token);
            if (answer.statusCode() == 429) {
                refused = answer;
            } else {
                ok++;
            }
        }
        assertThat(refused).as("refused within burst + 10").isNotNull();
        assertThat(ok).isGreaterThanOrEqualTo(BURST);
        assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isPositive();
        assertThat(refused.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        // another caller is not affected (a partner that may not see the tenant: 404, not 429)
        assertThat(guard.get("/tenants/" + tenant, freshPartner()).statusCode()).isEqualTo(404);
    }

    @Test
    @Order(8)
    void aBodyThatNeverArrivesIsAnswered408AndCut() throws Exception {
        try (Socket socket = new Socket("localhost", guard.port)) {
            socket.setSoTimeout(60_000); // far above the 2 s read timeout: reached only if the server never cuts
            OutputStream out = socket.getOutputStream();
            out.write(("POST /transfers/evaluate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Authorization: Bearer " + freshPartner() + "\r\nContent-Length: 1000\r\n\r\n{\"transferId\":")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.US_ASCII); // to the end: the server closes
            assertThat(answer).startsWith("HTTP/1.1 408").contains("GUARD_HTTP_BODY_TIMEOUT");
        }
    }

    @Test
    @Order(9)
    void anAddressThatKeepsSendingBadTokensGets429() {
        int refused = 0;
        HttpResponse<String> last = null;
        for (int i = 0; i < 20; i++) {
            last = guard.get("/tenants/" + tenant, "not-a-jwt-" + i);
            if (last.statusCode() == 429) {
                break;
            }
            refused++;
        }
        assertThat(last.statusCode()).isEqualTo(429);
        assertThat(refused).isLessThanOrEqualTo(12);
        assertThat(last.headers().firstValue("Retry-After")).isPresent();
    }
}
