package com.cspguard.api;

import com.cspguard.runtime.http.TlsSettings;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.state.HostInfo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;

/**
 * The one HTTP client for calls between instances of the application: forwarding a tenant request
 * to its owner ({@link OwnerRouter}) and gathering the operations lists ({@link OpsGatherer}). One
 * connection pool, one timeout (GUARD_FORWARD_TIMEOUT), HTTPS when the API serves HTTPS ({@link TlsSettings}).
 */
@Singleton
public class InstanceClient {
    private final HttpClient http;
    private final Duration timeout;
    private final String scheme;

    @Inject
    public InstanceClient(@Value("${guard.forward-timeout:10s}") Duration timeout, TlsSettings tls) {
        this.timeout = timeout;
        this.scheme = tls.scheme();
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER);
        SSLContext ssl = tls.clientContext();
        if (ssl != null) {
            b.sslContext(ssl);
        }
        this.http = b.build();
    }

    /** Plain HTTP, for tests of the forwarding itself. */
    InstanceClient(Duration timeout) {
        this.timeout = timeout;
        this.scheme = "http";
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The address of {@code pathAndQuery} on {@code host}: HTTPS when TLS is configured (GUARD_TLS_ENABLED). */
    URI uri(HostInfo host, String pathAndQuery) {
        return URI.create(scheme + "://" + host.host() + ":" + host.port() + pathAndQuery);
    }

    /** How long a call to another instance may take (GUARD_FORWARD_TIMEOUT). */
    Duration timeout() {
        return timeout;
    }

    /** A request to {@code host} with the client's timeout. */
    HttpRequest.Builder request(HostInfo host, String pathAndQuery) {
        return HttpRequest.newBuilder(uri(host, pathAndQuery)).timeout(timeout);
    }

    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    CompletableFuture<HttpResponse<String>> sendAsync(HttpRequest request) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }
}
