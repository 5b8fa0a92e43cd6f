package com.cspguard.it;

import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestInstance;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import static com.cspguard.it.ItRecords.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Two instances serving HTTPS with a self-signed certificate made in the test (keytool, written as
 * PEM files as an operator would get them): the API answers over HTTPS only, and a tenant asked on
 * the instance that does not own it is forwarded over HTTPS, as the operations lists are gathered.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsIT {
    private final String partner = UUID.randomUUID().toString();
    private final String tenant = UUID.randomUUID().toString();
    @RegisterExtension
    static final GuardIntegration IT = GuardIntegration.service("guard-tls").instances(2)
            .settings(TlsIT::serveHttps).balanced(Duration.ofSeconds(90));
    /** The certificate the instances serve, made once the broker's folder exists. */
    private static Certificate cert;
    private KafkaTestSupport kafka;
    private GuardInstance one;
    private GuardInstance two;
    private HttpClient https;

    /** A certificate and key as PEM files in the broker's folder, and the settings that serve HTTPS with them. */
    private static Map<String, Object> serveHttps(KafkaTestSupport kafka) {
        try {
            Path dir = kafka.dir.resolve("tls");
            Files.createDirectories(dir);
            Path certificate = dir.resolve("guard.crt");
            Path key = dir.resolve("guard.key");
            KeyStore store = selfSigned(dir.resolve("guard.p12"));
            cert = store.getCertificate("guard");
            Files.writeString(certificate, pem("CERTIFICATE", cert.getEncoded()));
            Files.writeString(key, pem("PRIVATE KEY", store.getKey("guard", "changeit".toCharArray()).getEncoded()));
            return Map.of("guard.tls.enabled", "true",
                    "guard.tls.certificate", certificate.toString(), "guard.tls.key", key.toString());
        } catch (Exception e) {
            throw new IllegalStateException("could not make the test certificate", e);
        }
    }

    @BeforeAll
    void start() throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        trusted.setCertificateEntry("guard", cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        https = HttpClient.newBuilder().sslContext(ctx).connectTimeout(Duration.ofSeconds(10)).build();

        kafka.send("subscription-events", tenant, ItRecords.held(tenant, "s1", partner).toString());
        await().atMost(Duration.ofSeconds(60)).until(() -> get(one, "/tenants/" + tenant).statusCode() == 200
                && get(two, "/tenants/" + tenant).statusCode() == 200);
    }

    /** A self-signed RSA certificate for localhost and 127.0.0.1, made with the JDK's keytool. */
    private static KeyStore selfSigned(Path file) throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "guard", "-keyalg", "RSA",
                "-keysize", "2048", "-validity", "2", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-keystore", file.toString(), "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, "changeit".toCharArray());
        }
        return store;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private HttpResponse<String> get(GuardInstance on, String path) throws Exception {
        return https.send(HttpRequest.newBuilder(URI.create("https://localhost:" + on.port + path))
                .header("Authorization", "Bearer " + TestTokens.admin()).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<GuardInstance> ownerThenForwarder() {
        KeyQueryMetadata owner = one.streams().queryMetadataForKey(com.cspguard.topology.config.StoreNames.STATE, tenant,
                new StringSerializer());
        return owner.activeHost().port() == one.port ? List.of(one, two) : List.of(two, one);
    }

    @Test
    void aTenantIsAnsweredOverHttpsAlsoWhenForwardedToItsOwner() throws Exception {
        for (GuardInstance asked : ownerThenForwarder()) {
            HttpResponse<String> answer = get(asked, "/tenants/" + tenant);
            assertThat(answer.statusCode()).as("asked on %d", asked.port).isEqualTo(200);
            assertThat(json(answer.body()).get("customerTenantId").asText()).isEqualTo(tenant);
            // a partner's access follows the visibility index each task publishes with its operations view
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                HttpResponse<String> partnerView = https.send(HttpRequest.newBuilder(
                                URI.create("https://localhost:" + asked.port + "/tenants/" + tenant))
                        .header("Authorization", "Bearer " + TestTokens.partner(partner)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(partnerView.statusCode()).isEqualTo(200);
            });
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(json(get(one, "/tenants").body()).get("instancesAnswered").asInt()).isEqualTo(2));
    }

    @Test
    void plainHttpIsNotServed() {
        assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + one.port + "/health")).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(java.io.IOException.class);
    }
}
