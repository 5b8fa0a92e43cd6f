package com.cspguard.runtime.http;

import com.cspguard.runtime.security.AccessSettings;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import org.reactivestreams.Publisher;

import java.util.Map;

/**
 * The per-caller rate limit: runs right after authentication, so a caller is the token's partner
 * and subject ({@code tid/sub}), and a request without token (the page, the OpenAPI document,
 * /health) its client address. Above the limit: 429 with {@code Retry-After} in seconds.
 * Counted per instance: a forwarded request counts on the instance asked and on the owner.
 */
@Filter(Filter.MATCH_ALL_PATTERN)
public class CallerRateLimit implements HttpServerFilter {
    private final CallerBuckets buckets;
    private final String partnerClaim;

    public CallerRateLimit(EdgeSettings settings, AccessSettings access) {
        this.buckets = new CallerBuckets(settings.perMinute(), settings.burst());
        this.partnerClaim = access.partnerClaim();
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        String caller = Callers.authenticated(request)
                .map(a -> "token:" + Callers.attribute(a, partnerClaim) + "/" + a.getName())
                .orElseGet(() -> "address:" + Callers.remote(request));
        long wait = buckets.take(caller);
        if (wait > 0) {
            return Publishers.just(tooMany(wait));
        }
        return chain.proceed(request);
    }

    static MutableHttpResponse<?> tooMany(long retryAfterSeconds) {
        return HttpResponse.status(HttpStatus.TOO_MANY_REQUESTS).header("Retry-After", Long.toString(retryAfterSeconds))
                .body(Map.of("message", "too many requests: try again in " + retryAfterSeconds
                        + " s (GUARD_RATE_LIMIT_PER_MINUTE, GUARD_RATE_LIMIT_BURST)"));
    }
}
