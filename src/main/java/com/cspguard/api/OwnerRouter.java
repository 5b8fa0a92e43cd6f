package com.cspguard.api;

import com.cspguard.topology.queries.TenantQueries;
import com.cspguard.runtime.SelfAddress;
import com.cspguard.runtime.http.AuditAttributes;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Answers a tenant request on the instance that owns the tenant: here when this instance holds
 * its partition, otherwise by forwarding the same request to the owner found through
 * {@code queryMetadataForKey}. A forwarded request is never forwarded again. The caller's
 * {@code Authorization} header goes along, so the owner authenticates the caller again and decides
 * what it may see; the owner's answer, a 401, 403 or 404 included, is relayed as it is.
 */
@Singleton
public class OwnerRouter {
    static final String FORWARDED = "X-Guard-Forwarded";
    private static final Logger LOG = LoggerFactory.getLogger(OwnerRouter.class);

    private final KafkaStreams streams;
    private final TenantQueries queries;
    private final HostInfo self;
    private final InstanceClient client;

    public OwnerRouter(KafkaStreams streams, TenantQueries queries, SelfAddress self, InstanceClient client) {
        this.streams = streams;
        this.queries = queries;
        this.self = self.host();
        this.client = client;
    }

    /**
     * Runs {@code local} with the tenant's partition when this instance owns it, otherwise
     * forwards {@code request} (with {@code body}) to the owner and relays its answer.
     */
    public HttpResponse<?> route(String tenantId, HttpRequest<?> request, String body, IntFunction<HttpResponse<?>> local) {
        AuditAttributes.tenant(request, tenantId);
        KafkaStreams.State state = streams.state();
        if (state != KafkaStreams.State.RUNNING && state != KafkaStreams.State.REBALANCING) {
            return unavailable("the stream is " + state);
        }
        KeyQueryMetadata owner = queries.owner(tenantId);
        if (owner == null || owner.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            return unavailable("no instance owns tenant " + tenantId + " right now (rebalancing)");
        }
        if (owner.activeHost().equals(self)) {
            try {
                return local.apply(owner.partition());
            } catch (org.apache.kafka.streams.errors.InvalidStateStoreException e) {
                return unavailable("the tenant's state is not queryable yet: " + e.getMessage());
            }
        }
        if (request.getHeaders().contains(FORWARDED)) {
            return unavailable("tenant " + tenantId + " moved while the request was forwarded");
        }
        return forward(owner.activeHost(), request, body);
    }

    /** Sends {@code request} with the caller's token to {@code host} and relays its answer; 502 only when it does not answer. */
    HttpResponse<?> forward(HostInfo host, HttpRequest<?> request, String body) {
        AuditAttributes.forwardedTo(request, host.host() + ":" + host.port());
        java.net.http.HttpRequest.Builder copy = client.request(host, request.getUri().toString())
                .header(FORWARDED, self.host() + ":" + self.port());
        request.getHeaders().getAuthorization().ifPresent(value -> copy.header(HttpHeaders.AUTHORIZATION, value));
        if (body != null) {
            copy.header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON)
                    .method(request.getMethodName(), java.net.http.HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        } else {
            copy.method(request.getMethodName(), java.net.http.HttpRequest.BodyPublishers.noBody());
        }
        try {
            java.net.http.HttpRequest built = copy.build();
            try {
                return relay(client.send(built));
            } catch (java.io.IOException closed) {
                // A pooled connection the owner closed as idle (GUARD_HTTP_READ_TIMEOUT): once more on a new
                // one. Safe for every forwarded request: reads and dry runs change nothing.
                return relay(client.send(built));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return notAnswered(host, e);
        } catch (Exception e) {
            return notAnswered(host, e);
        }
    }

    private static HttpResponse<?> notAnswered(HostInfo host, Exception e) {
        String base = host.host() + ":" + host.port();
        LOG.warn("forwarding to {} failed: {}", base, e.toString());
        return HttpResponse.status(HttpStatus.BAD_GATEWAY)
                .body(Map.of("message", "the owning instance " + base + " did not answer: " + e));
    }

    /** The owner's answer as it is: status, body, content type and the authentication challenge. */
    private static HttpResponse<?> relay(java.net.http.HttpResponse<String> answer) {
        MutableHttpResponse<String> out = HttpResponse.status(HttpStatus.valueOf(answer.statusCode()));
        answer.headers().firstValue(HttpHeaders.WWW_AUTHENTICATE).ifPresent(v -> out.header(HttpHeaders.WWW_AUTHENTICATE, v));
        answer.headers().firstValue(HttpHeaders.RETRY_AFTER).ifPresent(v -> out.header(HttpHeaders.RETRY_AFTER, v));
        String body = answer.body() == null ? "" : answer.body();
        if (!body.isEmpty()) {
            out.contentType(answer.headers().firstValue(HttpHeaders.CONTENT_TYPE).map(MediaType::of)
                    .orElse(MediaType.APPLICATION_JSON_TYPE)).body(body);
        }
        return out;
    }

    private static HttpResponse<?> unavailable(String why) {
        return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "1")
                .body(Map.of("message", why));
    }
}
