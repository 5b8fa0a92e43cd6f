package com.cspguard.it;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.apache.kafka.streams.KafkaStreams;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * One running instance of the service, as a user starts it, against the test broker. It checks
 * tokens with {@link TestTokens#SECRET}; {@link #get(String)} and {@link #post(String, String)}
 * call as the admin, the variants with a token as whoever that token names (null: no token).
 */
final class GuardInstance implements AutoCloseable {
    final int port;
    final Path stateDir;
    private final Map<String, Object> props;
    private EmbeddedServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    GuardInstance(String bootstrap, String applicationId, Path stateDir, Map<String, Object> extra) {
        this.port = freePort();
        this.stateDir = stateDir;
        props = new HashMap<>();
        props.put("kafka.bootstrap.servers", bootstrap);
        props.put("guard.embedded-kafka.enabled", "false");
        props.put("micronaut.server.port", port);
        props.put("kafka.streams.default.application.id", applicationId);
        props.put("kafka.streams.default.state.dir", stateDir.toString());
        props.put("guard.timer-interval", "200ms");
        props.put("guard.auth.secret", TestTokens.SECRET);
        props.put("guard.data-dir", stateDir.resolveSibling(stateDir.getFileName() + "-data").toString());
        // tests poll the API far faster than any caller should: the rate limits are EdgeIT's business
        props.put("guard.http.rate-limit.per-minute", "0");
        props.put("guard.http.rate-limit.refusals-per-minute", "0");
        props.putAll(extra);
    }

    GuardInstance start() {
        server = ApplicationContext.run(EmbeddedServer.class, props);
        await().atMost(Duration.ofSeconds(60)).until(() -> streams().state() == KafkaStreams.State.RUNNING);
        return this;
    }

    KafkaStreams streams() {
        return server.getApplicationContext().getBean(KafkaStreams.class);
    }

    <T> T bean(Class<T> type) {
        return server.getApplicationContext().getBean(type);
    }

    HttpResponse<String> get(String path) {
        return get(path, TestTokens.admin());
    }

    HttpResponse<String> post(String path, String body) {
        return post(path, body, TestTokens.admin());
    }

    /** GET with {@code token} as bearer token; none when null. */
    HttpResponse<String> get(String path, String token) {
        return send(withToken(HttpRequest.newBuilder(uri(path)), token).GET().build());
    }

    /** POST of a JSON body with {@code token} as bearer token; none when null. */
    HttpResponse<String> post(String path, String body, String token) {
        return send(withToken(HttpRequest.newBuilder(uri(path)), token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** POST of a JSON body as admin, asking for the answer in {@code accept}. */
    HttpResponse<String> post(String path, String body, String token, String accept) {
        return send(withToken(HttpRequest.newBuilder(uri(path)), token).header("Content-Type", "application/json")
                .header("Accept", accept).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static HttpRequest.Builder withToken(HttpRequest.Builder builder, String token) {
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops it and starts it again on the same port and state, with {@code changes} to its settings. */
    GuardInstance restart(Map<String, Object> changes) {
        stop();
        props.putAll(changes);
        return start();
    }

    void stop() {
        if (server != null) {
            server.getApplicationContext().close();
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
