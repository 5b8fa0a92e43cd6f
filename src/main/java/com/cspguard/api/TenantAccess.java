package com.cspguard.api;

import com.cspguard.runtime.security.AccessSettings;
import com.cspguard.topology.queries.TenantQueries;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.Optional;

/**
 * Which customer tenants a caller may read or dry-run. A token with the admin role sees every
 * tenant; any other caller sees a tenant only when the guard holds a subscription of it held by
 * the caller's partner (the token's {@code tid}, or the configured claim) or an open transfer of
 * it targets that partner. A tenant the caller may not see is answered exactly like an unknown
 * one ({@link #unknownTenant}), so tenant ids cannot be probed.
 * <p>
 * The check reads the tenant's state, so it runs on the instance that owns the tenant, inside
 * {@link OwnerRouter#route}, with the tenant's partition.
 */
@Singleton
public class TenantAccess {
    private final TenantQueries queries;
    private final AccessSettings settings;

    public TenantAccess(TenantQueries queries, AccessSettings settings) {
        this.queries = queries;
        this.settings = settings;
    }

    /** True for the admin role, and for everyone when authentication is switched off. */
    public boolean seesEveryTenant(HttpRequest<?> request) {
        if (!settings.enabled()) {
            return true;
        }
        return caller(request).map(a -> a.getRoles().contains(settings.adminRole())).orElse(false);
    }

    /** The caller's partner tenant id from its token, when it has one. */
    public Optional<String> partnerOf(HttpRequest<?> request) {
        return caller(request).map(a -> a.getAttributes().get(settings.partnerClaim()))
                .map(Object::toString).filter(s -> !s.isBlank());
    }

    /** Whether the caller may see {@code tenantId}; call it on the owning instance with the tenant's partition. */
    public boolean maySee(HttpRequest<?> request, String tenantId, int partition) {
        if (seesEveryTenant(request)) {
            return true;
        }
        return partnerOf(request).map(partner -> queries.visibleTo(tenantId, partner, partition)).orElse(false);
    }

    /** The one answer for a tenant that does not exist or that the caller may not see. */
    public static HttpResponse<?> unknownTenant(String tenantId) {
        return HttpResponse.notFound(Map.of("message", "unknown tenant " + tenantId));
    }

    private static Optional<Authentication> caller(HttpRequest<?> request) {
        return request.getUserPrincipal(Authentication.class);
    }
}
