package com.cspguard.api;

import com.cspguard.domain.GuardPolicy;
import com.cspguard.topology.config.GuardSettings;
import com.cspguard.topology.queries.TenantQueries;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * {@code GET /tenants/{id}} and {@code GET /tenants/{id}/timers}, answered by whichever instance is
 * asked, for callers who may see the tenant ({@link TenantAccess}).
 */
@Controller("/tenants")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "tenants")
@ApiErrors
public class TenantController {
    private final OwnerRouter router;
    private final TenantQueries queries;
    private final TenantAccess access;
    private final GuardPolicy policy;

    public TenantController(OwnerRouter router, TenantQueries queries, TenantAccess access, GuardSettings settings) {
        this.router = router;
        this.queries = queries;
        this.access = access;
        this.policy = settings.policy();
    }

    @Get(uri = "/{customerTenantId}", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "A tenant's subscription counts and subscriptions",
            description = "The fields of tenant-subscription-counts plus `subscriptions` "
                    + "({id, offerId, status, quantity, autoRenewEnabled, commitmentEndDate, channel, partnerTenantId}); "
                    + "for a partner only its own subscriptions (the counts are the tenant's).")
    @ApiResponse(responseCode = "200", description = "the tenant",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = "object")))
    @ApiResponse(responseCode = "404", description = "unknown tenant, or one the caller's partner may not see",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiErrors.Message.class)))
    public HttpResponse<?> tenant(@Parameter(description = "customer tenant id") @PathVariable String customerTenantId,
                                  HttpRequest<?> request) {
        return router.route(customerTenantId, request, null, access.ifSeen(request, customerTenantId,
                partition -> queries.tenant(customerTenantId, partition, access.viewer(request))
                        .<HttpResponse<?>>map(state -> json(TenantJson.tenant(state, policy)))
                        .orElseGet(() -> TenantAccess.unknownTenant(customerTenantId))));
    }

    @Get(uri = "/{customerTenantId}/timers", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "A tenant's pending timers, soonest first",
            description = "An array of {timerId, subscriptionId, timerType, dueAt}; for a partner those of its own subscriptions. For the admin role an unknown "
                    + "tenant has no timers (an empty array); for a partner it is 404 like a tenant it may not see.")
    @ApiResponse(responseCode = "200", description = "the pending timers",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, array = @ArraySchema(schema = @Schema(type = "object"))))
    @ApiResponse(responseCode = "404", description = "a tenant the caller's partner may not see",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiErrors.Message.class)))
    public HttpResponse<?> timers(@Parameter(description = "customer tenant id") @PathVariable String customerTenantId,
                                  HttpRequest<?> request) {
        return router.route(customerTenantId, request, null, access.ifSeen(request, customerTenantId,
                partition -> json(TenantJson.timers(queries.timers(customerTenantId, partition, access.viewer(request))))));
    }

    @Get(uri = "/{customerTenantId}/transfers", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "A tenant's open transfers with their decision history",
            description = "An array of {transferId, method, transferType, targetPartnerTenantId, requestedAt, expiresAt, "
                    + "lastDecision (as on transfer-decisions), history: [{revision, decision, evaluatedAt, findings}]}, "
                    + "by transfer id; the history keeps the last 20 decisions of each transfer. A partner sees the transfers "
                    + "it is the target or source of, or that move one of its subscriptions.")
    @ApiResponse(responseCode = "200", description = "the open transfers",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, array = @ArraySchema(schema = @Schema(type = "object"))))
    @ApiResponse(responseCode = "404", description = "a tenant the caller's partner may not see",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiErrors.Message.class)))
    public HttpResponse<?> transfers(@Parameter(description = "customer tenant id") @PathVariable String customerTenantId,
                                     HttpRequest<?> request) {
        return router.route(customerTenantId, request, null, access.ifSeen(request, customerTenantId,
                partition -> json(TenantJson.transfers(queries.transfers(customerTenantId, partition, access.viewer(request))))));
    }

    private static HttpResponse<?> json(JsonNode tree) {
        return HttpResponse.ok(tree.toString()).contentType(MediaType.APPLICATION_JSON_TYPE);
    }
}
