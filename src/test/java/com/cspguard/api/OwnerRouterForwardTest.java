package com.cspguard.api;

import com.cspguard.runtime.SelfAddress;
import com.sun.net.httpserver.HttpServer;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** Forwarding to the owning instance carries the caller's token and relays the owner's refusals as they are. */
class OwnerRouterForwardTest {
    private HttpServer owner;
    private final AtomicReference<String> seenAuthorization = new AtomicReference<>();

    private HostInfo ownerAnswering(int status, String body, String challenge) throws Exception {
        owner = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        owner.createContext("/", exchange -> {
            seenAuthorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            if (challenge != null) {
                exchange.getResponseHeaders().add("WWW-Authenticate", challenge);
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        });
        owner.start();
        return new HostInfo("127.0.0.1", owner.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        if (owner != null) {
            owner.stop(0);
        }
    }

    private static OwnerRouter router() {
        return new OwnerRouter(null, null, new SelfAddress("127.0.0.1:1", 1), new InstanceClient(Duration.ofSeconds(5)));
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 403, 404})
    void theOwnersRefusalIsRelayedAsItIsWithTheCallersTokenSent(int status) throws Exception {
        String body = status == 401 ? "" : "{\"message\":\"unknown tenant t-1\"}";
        HostInfo host = ownerAnswering(status, body, status == 401 ? "Bearer realm=\"csp-transfer-guard\"" : null);
        HttpResponse<?> answer = router().forward(host,
                HttpRequest.GET("/tenants/t-1").header(HttpHeaders.AUTHORIZATION, "Bearer the-callers-token"), null);
        assertThat(seenAuthorization.get()).isEqualTo("Bearer the-callers-token");
        assertThat(answer.getStatus().getCode()).isEqualTo(status);
        assertThat(answer.getBody(String.class).orElse("")).isEqualTo(body);
        if (status == 401) {
            assertThat(answer.getHeaders().get(HttpHeaders.WWW_AUTHENTICATE)).isEqualTo("Bearer realm=\"csp-transfer-guard\"");
        }
    }

    @Test
    void onlyAnOwnerThatDoesNotAnswerGives502() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        HttpResponse<?> answer = router().forward(new HostInfo("127.0.0.1", closed), HttpRequest.GET("/tenants/t-1"), null);
        assertThat(answer.getStatus().getCode()).isEqualTo(502);
    }
}
