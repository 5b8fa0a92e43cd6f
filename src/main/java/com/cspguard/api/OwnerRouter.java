package com.cspguard.api;

import com.cspguard.topology.queries.TenantQueries;
import com.cspguard.runtime.SelfAddress;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Answers a tenant request on the instance that owns the tenant: here when this instance holds
 * its partition, otherwise by forwarding the same request to the owner found through
 * {@code queryMetadataForKey}. A forwarded request is never forwarded again.
 */
@Singleton
public class OwnerRouter {
    static final String FORWARDED = "X-Guard-Forwarded";
    private static final Logger LOG = LoggerFactory.getLogger(OwnerRouter.class);

    private final KafkaStreams streams;
    private final TenantQueries queries;
    private final HostInfo self;
    private final Duration timeout;

    public OwnerRouter(KafkaStreams streams, TenantQueries queries, SelfAddress self,
                       @Value("${guard.forward-timeout:10s}") Duration timeout) {
        this.streams = streams;
        this.queries = queries;
        this.self = self.host();
        this.timeout = timeout;
    }

    /**
     * Runs {@code local} with the tenant's partition when this instance owns it, otherwise
     * forwards {@code request} (with {@code body}) to the owner and relays its answer.
     */
    public HttpResponse<?> route(String tenantId, HttpRequest<?> request, Object body, IntFunction<HttpResponse<?>> local) {
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

    private HttpResponse<?> forward(HostInfo host, HttpRequest<?> request, Object body) {
        URI base = URI.create("http://" + host.host() + ":" + host.port());
        try (HttpClient client = HttpClient.create(base.toURL())) {
            MutableHttpRequest<Object> copy = HttpRequest.create(request.getMethod(), request.getUri().toString())
                    .header(FORWARDED, self.host() + ":" + self.port());
            if (body != null) {
                copy.body(body).contentType(io.micronaut.http.MediaType.APPLICATION_JSON_TYPE);
            }
            HttpResponse<String> answer = client.toBlocking().exchange(copy, String.class);
            return HttpResponse.status(answer.getStatus()).contentType(io.micronaut.http.MediaType.APPLICATION_JSON_TYPE)
                    .body(answer.getBody().orElse(""));
        } catch (HttpClientResponseException e) {
            return HttpResponse.status(e.getStatus()).contentType(io.micronaut.http.MediaType.APPLICATION_JSON_TYPE)
                    .body(e.getResponse().getBody(String.class).orElse(""));
        } catch (Exception e) {
            LOG.warn("forwarding to {} failed: {}", base, e.toString());
            return HttpResponse.status(HttpStatus.BAD_GATEWAY)
                    .body(Map.of("message", "the owning instance " + base + " did not answer: " + e.getMessage()));
        }
    }

    private static HttpResponse<?> unavailable(String why) {
        return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "1")
                .body(Map.of("message", why));
    }
}
