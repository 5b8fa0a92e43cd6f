package com.cspguard.api;

import com.cspguard.runtime.http.AuditAttributes;
import com.cspguard.runtime.security.AccessSettings;
import com.cspguard.topology.views.OpsViews;
import com.cspguard.topology.queries.TenantQueries;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Which customer tenants a caller may read or dry-run, and what of them. A token with the admin
 * role sees every tenant and everything in it; any other caller sees a tenant only when its partner
 * (the token's {@code tid}, or the configured claim) holds one of its subscriptions that is not
 * deleted or is the target of one of its open transfers, and then the counts and only its own
 * subscriptions, timers and transfers ({@link TenantQueries.Viewer}).
 * <p>
 * Whether a partner may see a tenant is answered from the visibility index the tasks publish
 * ({@link OpsViews#visibleTo}): O(1), never a read of the tenant's state, and the same work for an
 * unknown tenant as for one the caller may not see. Both are answered alike ({@link #unknownTenant}),
 * so tenant ids cannot be probed, by the answer or by its time.
 */
@Singleton
public class TenantAccess {
    private final OpsViews views;
    private final AccessSettings settings;

    public TenantAccess(OpsViews views, AccessSettings settings) {
        this.views = views;
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

    /** What the caller sees of a tenant it may see: everything, or its partner's own. */
    public TenantQueries.Viewer viewer(HttpRequest<?> request) {
        if (seesEveryTenant(request)) {
            return TenantQueries.Viewer.EVERYTHING;
        }
        return partnerOf(request).map(TenantQueries.Viewer::partner)
                .orElseThrow(() -> new IllegalStateException("a caller without partner passed maySee"));
    }

    /** Whether the caller may see {@code tenantId}; call it on the owning instance. Notes the answer for the audit line. */
    public boolean maySee(HttpRequest<?> request, String tenantId) {
        AuditAttributes.tenant(request, tenantId);
        boolean visible = seesEveryTenant(request)
                || partnerOf(request).map(partner -> views.visibleTo(tenantId, partner)).orElse(false);
        if (!visible) {
            AuditAttributes.hidden(request);
        }
        return visible;
    }

    /**
     * {@code answer}, for the owning instance to run with the tenant's partition ({@link OwnerRouter#route}),
     * behind the check every tenant endpoint makes there: a caller who may not see the tenant gets
     * {@link #unknownTenant}, as for a tenant that does not exist.
     */
    public IntFunction<HttpResponse<?>> ifSeen(HttpRequest<?> request, String tenantId, IntFunction<HttpResponse<?>> answer) {
        return partition -> maySee(request, tenantId) ? answer.apply(partition) : unknownTenant(tenantId);
    }

    /** The one answer for a tenant that does not exist or that the caller may not see. */
    public static HttpResponse<?> unknownTenant(String tenantId) {
        return HttpResponse.notFound(Map.of("message", "unknown tenant " + tenantId));
    }

    private static Optional<Authentication> caller(HttpRequest<?> request) {
        return request.getUserPrincipal(Authentication.class);
    }
}
