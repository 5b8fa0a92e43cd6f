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
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Answers a tenant request on the instance that owns the tenant: here when this instance holds
 * its partition, otherwise by forwarding the same request to the owner found through
 * {@code queryMetadataForKey}; during a failover from a standby copy ({@link ReadRoute} decides
 * where, this class carries it out and retries). A forwarded request is never forwarded again. The caller's
 * {@code Authorization} header goes along, so the owner authenticates the caller again and decides
 * what it may see; the owner's answer, a 401, 403 or 404 included, is relayed as it is.
 */
@Singleton
public class OwnerRouter {
    static final String FORWARDED = "X-Guard-Forwarded";
    /** Set to {@value #STALE} on an answer made from a copy that is not the running active one (a standby). */
    static final String COPY = "X-Guard-Copy";
    static final String STALE = "stale";
    private static final Duration RETRY_PAUSE = Duration.ofMillis(200);
    private static final Duration MIN_FORWARD_WAIT = Duration.ofMillis(500);
    private static final Logger LOG = LoggerFactory.getLogger(OwnerRouter.class);

    private final KafkaStreams streams;
    private final TenantQueries queries;
    private final HostInfo self;
    private final InstanceClient client;
    private final Duration timeout;

    public OwnerRouter(KafkaStreams streams, TenantQueries queries, SelfAddress self, InstanceClient client) {
        this.streams = streams;
        this.queries = queries;
        this.self = self.host();
        this.client = client;
        this.timeout = client.timeout();
    }

    /**
     * Runs {@code local} with the tenant's partition when this instance holds the running active
     * copy, otherwise forwards {@code request} (with {@code body}) to the owner and relays its
     * answer. While the tenant's active task moves, the read goes to a standby copy instead (here
     * or on another instance, {@link ReadRoute}), and what finds no copy able to answer (a peer
     * that refuses the connection or answers 503 during a rebalance, no owner known yet) is tried
     * again until {@code guard.forward-timeout} has passed.
     */
    public HttpResponse<?> route(String tenantId, HttpRequest<?> request, String body, IntFunction<HttpResponse<?>> local) {
        AuditAttributes.tenant(request, tenantId);
        boolean forwarded = request.getHeaders().contains(FORWARDED);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Attempt attempt = attempt(tenantId, request, body, local, forwarded, deadline);
            // A forwarded read is answered at once: its sender retries and tries the other copies.
            if (attempt.answer() != null || forwarded || !attempt.retriable()
                    || System.nanoTime() + RETRY_PAUSE.toNanos() >= deadline) {
                return attempt.answer() != null ? attempt.answer() : attempt.failure();
            }
            try {
                Thread.sleep(RETRY_PAUSE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return attempt.failure();
            }
        }
    }

    /** What one pass over the places that may answer gave: an answer, or the failure to report. */
    record Attempt(HttpResponse<?> answer, HttpResponse<?> failure, boolean retriable) {
        static Attempt answered(HttpResponse<?> answer) {
            return new Attempt(answer, null, false);
        }

        static Attempt failed(HttpResponse<?> failure, boolean retriable) {
            return new Attempt(null, failure, retriable);
        }
    }

    private Attempt attempt(String tenantId, HttpRequest<?> request, String body, IntFunction<HttpResponse<?>> local,
                            boolean forwarded, long deadline) {
        KafkaStreams.State state = streams.state();
        if (state != KafkaStreams.State.RUNNING && state != KafkaStreams.State.REBALANCING) {
            return Attempt.failed(unavailable("the stream is " + state), false);
        }
        KeyQueryMetadata owner;
        try {
            owner = queries.owner(tenantId);
        } catch (RuntimeException e) {
            return Attempt.failed(unavailable("the tenant's owner is not known right now: " + e.getMessage()), true);
        }
        if (owner == null || owner.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            return Attempt.failed(unavailable("no instance owns tenant " + tenantId + " right now (rebalancing)"), true);
        }
        List<ReadRoute.Step> steps = ReadRoute.plan(owner, self, queries.localCopy(owner.partition()), forwarded);
        HttpResponse<?> noCopy = unavailable(forwarded
                ? "tenant " + tenantId + " moved while the request was forwarded"
                : "no copy of tenant " + tenantId + "'s state can answer right now (rebalancing)");
        return pass(steps, step -> {
            if (step.local()) {
                HttpResponse<?> answer;
                try {
                    answer = local.apply(owner.partition());
                } catch (InvalidStateStoreException e) {
                    return unavailable("the tenant's state is not queryable yet: " + e.getMessage());
                }
                if (!step.authoritative() && answer instanceof MutableHttpResponse<?> mutable) {
                    mutable.header(COPY, STALE);
                }
                return answer;
            }
            Duration left = Duration.ofNanos(Math.max(deadline - System.nanoTime(), MIN_FORWARD_WAIT.toNanos()));
            return forward(step.host(), request, body, left.compareTo(timeout) < 0 ? left : timeout);
        }, noCopy);
    }

    /**
     * One pass over the places of a plan: the first answer that is not a failure (5xx) and not a stale
     * copy's "unknown tenant" wins. A stale copy may simply not have caught up with the tenant yet, and
     * while the active copy moves every copy may be such a one (a scale-out run: both survivors of a kill
     * answered 404 for tenants known for seconds, their copies behind, the new active still restoring).
     * So a stale 404 is never final within the forward timeout: the pass is retried until the running
     * active copy answers, and the 404 given only at the timeout's end.
     */
    static Attempt pass(List<ReadRoute.Step> steps, Function<ReadRoute.Step, HttpResponse<?>> ask, HttpResponse<?> noCopy) {
        HttpResponse<?> failure = noCopy;
        HttpResponse<?> staleNotFound = null;
        for (ReadRoute.Step step : steps) {
            HttpResponse<?> answer = ask.apply(step);
            // 502: the peer did not answer; 503: it is rebalancing (or the local store is not queryable);
            // 500: it is shutting down (its context refuses to resolve beans while it closes).
            if (answer.getStatus().getCode() >= HttpStatus.INTERNAL_SERVER_ERROR.getCode()) {
                failure = answer;
                continue;
            }
            if (answer.getStatus() == HttpStatus.NOT_FOUND && STALE.equals(answer.getHeaders().get(COPY))) {
                staleNotFound = staleNotFound == null ? answer : staleNotFound;
                continue;
            }
            return Attempt.answered(answer);
        }
        return Attempt.failed(staleNotFound != null ? staleNotFound : failure, true);
    }

    /** Sends {@code request} with the caller's token to {@code host} and relays its answer; 502 only when it does not answer. */
    HttpResponse<?> forward(HostInfo host, HttpRequest<?> request, String body) {
        return forward(host, request, body, timeout);
    }

    private HttpResponse<?> forward(HostInfo host, HttpRequest<?> request, String body, Duration within) {
        AuditAttributes.forwardedTo(request, host.host() + ":" + host.port());
        java.net.http.HttpRequest.Builder copy = client.request(host, request.getUri().toString())
                .timeout(within)
                .header(FORWARDED, self.host() + ":" + self.port());
        request.getHeaders().getAuthorization().ifPresent(value -> copy.header(HttpHeaders.AUTHORIZATION, value));
        // the owner answers in the type the caller asked for (the plan as CSV or iCalendar)
        request.getHeaders().getFirst(HttpHeaders.ACCEPT).ifPresent(value -> copy.header(HttpHeaders.ACCEPT, value));
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
        answer.headers().firstValue(COPY).ifPresent(v -> out.header(COPY, v));
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
