package com.cspguard.runtime.security;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.token.DefaultRolesFinder;
import io.micronaut.security.token.RolesFinder;
import io.micronaut.security.token.config.TokenConfiguration;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The roles of a caller, as Micronaut reads them from the token's {@code roles} claim, except that
 * with an OIDC issuer the admin role counts only in a token of one of the operator's own tenants
 * ({@code GUARD_ADMIN_TENANTS}): every customer tenant that consented to a multitenant Entra app can
 * assign its app roles to its own users. Done here, where the caller's roles are made, so that every
 * check of the role (tenant scoping, /prometheus, /health details) sees the same answer.
 */
@Singleton
@Replaces(DefaultRolesFinder.class)
public class GuardRolesFinder implements RolesFinder {
    private final DefaultRolesFinder claims;
    private final AccessSettings settings;

    public GuardRolesFinder(TokenConfiguration tokens, AccessSettings settings) {
        this.claims = new DefaultRolesFinder(tokens);
        this.settings = settings;
    }

    @Override
    public List<String> resolveRoles(@Nullable Map<String, Object> attributes) {
        List<String> roles = claims.resolveRoles(attributes);
        if (!roles.contains(settings.adminRole())) {
            return roles;
        }
        Object tid = attributes == null ? null : attributes.get(settings.partnerClaim());
        if (settings.adminRoleCountsFor(tid == null ? null : tid.toString())) {
            return roles;
        }
        List<String> kept = new ArrayList<>(roles);
        kept.removeIf(settings.adminRole()::equals);
        return kept;
    }
}
