package com.cspguard.runtime.http;

import com.cspguard.runtime.security.AccessSettings;
import com.cspguard.runtime.security.TokenClaimsCheck;
import com.nimbusds.jwt.JWTClaimsSet;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.security.authentication.Authentication;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The outermost part of every answer, around authentication: the security headers
 * ({@code X-Content-Type-Options: nosniff}, {@code Cache-Control: no-store}, and the page's
 * {@code Content-Security-Policy}), /health without details for anyone but the admin, one WARN line
 * per refused token (no stack trace), a limit on refused tokens per client address (a token
 * guesser gets 429 before its tokens are even checked), and the audit line ({@link AuditLog}).
 */
@Filter(Filter.MATCH_ALL_PATTERN)
public class ApiEdgeFilter implements HttpServerFilter {
    /**
     * The page loads its own script and style files and calls the API of its own origin, nothing
     * else (the page's own meta policy says the same; a header also covers what a meta tag cannot:
     * framing).
     */
    static final String PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final Logger LOG = LoggerFactory.getLogger(ApiEdgeFilter.class);

    private final AccessSettings access;
    private final AuditLog audit;
    private final CallerBuckets refusals;

    public ApiEdgeFilter(AccessSettings access, AuditLog audit, EdgeSettings settings) {
        this.access = access;
        this.audit = audit;
        long perMinute = settings.refusalsPerMinute();
        this.refusals = new CallerBuckets(perMinute, Math.max(1, perMinute));
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.before();
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        String remote = Callers.remote(request);
        long wait = Callers.sentBearer(request) ? refusals.waitFor(remote) : 0;
        if (wait > 0) {
            return Publishers.just(finish(request, CallerRateLimit.tooMany(wait), remote));
        }
        return Publishers.map(chain.proceed(request), response -> finish(request, response, remote));
    }

    private MutableHttpResponse<?> finish(HttpRequest<?> request, MutableHttpResponse<?> response, String remote) {
        response.getHeaders().set("X-Content-Type-Options", "nosniff");
        response.getHeaders().set("Cache-Control", "no-store");
        String path = request.getPath();
        if (path.equals("/") || path.equals("/ui") || path.startsWith("/ui/")) {
            response.getHeaders().set("Content-Security-Policy", PAGE_POLICY);
            response.getHeaders().set("X-Frame-Options", "DENY");
        }
        Optional<Authentication> caller = Callers.authenticated(request);
        if ((path.equals("/health") || path.startsWith("/health/")) && !isAdmin(caller)) {
            response.getBody(HealthResult.class).ifPresent(h -> {
                response.body(Map.of("status", h.getStatus().getName()));
                // Micronaut's health filter sets 503 from a HealthResult body only; this body is a
                // map now, so the code that load balancers and probes read is set here
                if (!h.getStatus().getOperational().orElse(true)) {
                    response.status(io.micronaut.http.HttpStatus.SERVICE_UNAVAILABLE);
                }
            });
        }
        int status = response.code();
        if (status == 401 && Callers.sentBearer(request)) {
            refusals.take(remote);
            String reason = request.getAttribute(TokenClaimsCheck.REFUSAL, String.class)
                    .orElse("bad signature, expired, not yet valid, or not a JWT");
            LOG.warn("refused a bearer token for {} {} from {}: {}", request.getMethodName(), path, remote, reason);
        }
        if (audited(path, status)) {
            audit.write(entry(request, caller, status, remote));
        }
        return response;
    }

    private boolean isAdmin(Optional<Authentication> caller) {
        return !access.enabled() || caller.map(a -> a.getRoles().contains(access.adminRole())).orElse(false);
    }

    private static boolean audited(String path, int status) {
        return status == 401 || status == 403 || status == 429
                || path.startsWith("/tenants") || path.startsWith("/transfers") || path.startsWith("/deadlines");
    }

    private AuditLog.Entry entry(HttpRequest<?> request, Optional<Authentication> caller, int status, String remote) {
        String tid = null;
        String sub = null;
        boolean verified = caller.isPresent();
        if (caller.isPresent()) {
            tid = Callers.attribute(caller.get(), access.partnerClaim());
            sub = caller.get().getName();
        } else {
            Optional<JWTClaimsSet> claimed = Callers.claimed(request);
            if (claimed.isPresent()) {
                Object t = claimed.get().getClaim(access.partnerClaim());
                tid = t == null ? null : t.toString();
                sub = claimed.get().getSubject();
            }
        }
        String tenant = request.getAttribute(AuditAttributes.TENANT, String.class).orElse(null);
        boolean hidden = request.getAttribute(AuditAttributes.HIDDEN, Boolean.class).orElse(false);
        String path = request.getPath();
        String action = request.getMethodName() + " " + (tenant == null ? path : path.replace(tenant, "{id}"));
        return new AuditLog.Entry(Instant.now(), tid, sub, verified, action, tenant, outcome(status, hidden), status, remote,
                request.getAttribute(AuditAttributes.FORWARDED_TO, String.class).orElse(null));
    }

    static String outcome(int status, boolean hidden) {
        if (hidden) {
            return "refused:not-visible";
        }
        return switch (status) {
            case 401 -> "refused:unauthenticated";
            case 403 -> "refused:forbidden";
            case 429 -> "refused:rate-limited";
            default -> status < 300 ? "allowed" : "answered:" + status;
        };
    }
}
