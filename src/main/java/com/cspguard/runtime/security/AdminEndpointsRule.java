package com.cspguard.runtime.security;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import io.micronaut.core.async.publisher.Publishers;

import java.util.Set;

/**
 * {@code /prometheus} needs a token with the admin role: its metrics name topics, tasks and
 * counts of every tenant. Runs before Micronaut's endpoint rule, which would let any
 * authenticated caller in. Without a token: 401; with a token but without the role: 403.
 */
@Singleton
@Requires(property = "guard.auth.enabled", notEquals = "false")
public class AdminEndpointsRule implements SecurityRule<HttpRequest<?>> {
    static final Set<String> ADMIN_PATHS = Set.of("/prometheus");

    private final AccessSettings settings;

    public AdminEndpointsRule(AccessSettings settings) {
        this.settings = settings;
    }

    @Override
    public Publisher<SecurityRuleResult> check(HttpRequest<?> request, @Nullable Authentication authentication) {
        String path = request.getPath();
        if (!ADMIN_PATHS.contains(path.endsWith("/") ? path.substring(0, path.length() - 1) : path)) {
            return Publishers.just(SecurityRuleResult.UNKNOWN);
        }
        boolean admin = authentication != null && authentication.getRoles().contains(settings.adminRole());
        return Publishers.just(admin ? SecurityRuleResult.ALLOWED : SecurityRuleResult.REJECTED);
    }

    @Override
    public int getOrder() {
        return Integer.MIN_VALUE / 2;
    }
}
