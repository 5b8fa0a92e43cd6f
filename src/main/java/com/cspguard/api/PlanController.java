package com.cspguard.api;

import com.cspguard.domain.planning.PlanRequest;
import com.cspguard.domain.planning.PlanningException;
import com.cspguard.domain.planning.TransferPlanner;
import com.cspguard.topology.queries.TenantQueries;
import com.cspguard.wire.InputLimits;
import com.cspguard.wire.InputParser;
import com.cspguard.wire.ParseResult;
import com.cspguard.wire.PlanJson;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /transfers/plan}: a dated, limit-safe plan to move a tenant's subscriptions
 * (docs/planner.md), made on the owning instance from the tenant's live state, changing nothing;
 * only for a caller who may see the tenant ({@link TenantAccess}), as the dry run.
 */
@Controller("/transfers")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "transfers")
@ApiErrors
public class PlanController {
    private final OwnerRouter router;
    private final TenantQueries queries;
    private final TransferPlanner planner;
    private final TenantAccess access;
    private final InputLimits limits;
    private final Clock clock = Clock.systemUTC();

    public PlanController(OwnerRouter router, TenantQueries queries, TransferPlanner planner, TenantAccess access,
                          InputLimits limits) {
        this.router = router;
        this.queries = queries;
        this.planner = planner;
        this.access = access;
        this.limits = limits;
    }

    @Post(uri = "/plan", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "A dated, limit-safe plan to move a tenant's subscriptions to a new partner",
            description = "Which subscriptions go by expiry and repurchase, which are duplicated in which batches and "
                    + "on which dates, so that the tenant never exceeds its maximum and no data is lost "
                    + "(docs/planner.md). Made from the tenant's live state; changes nothing.")
    @RequestBody(description = "tenant, target partner (id, country, requesting role), subscriptions (ids or all "
            + "counted ones), start date and deadline", required = true,
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = "object")))
    @ApiResponse(responseCode = "200", description = "the plan: steps, per subscription, totals, blockers",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = "object")))
    @ApiResponse(responseCode = "400", description = "a malformed body or dates that cannot be planned; `message` "
            + "and `problems` name each problem",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = "object")))
    @ApiResponse(responseCode = "404", description = "a tenant that is unknown or that the caller's partner may not see",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiErrors.Message.class)))
    @ApiResponse(responseCode = "415", description = "a body that is not declared application/json",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiErrors.Message.class)))
    @ApiResponse(responseCode = "413", description = "the body is larger than GUARD_MAX_BODY_BYTES",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiErrors.Message.class)))
    public HttpResponse<?> plan(@io.micronaut.core.annotation.Nullable @Body byte[] body, HttpRequest<?> request) {
        Optional<HttpResponse<?>> refused = JsonBody.refusal(request, body);
        if (refused.isPresent()) {
            return refused.get();
        }
        ParseResult<PlanRequest> parsed = InputParser.planRequestBody(body, limits);
        if (parsed instanceof ParseResult.Bad<PlanRequest> bad) {
            return HttpResponse.badRequest(Map.of("message", "invalid plan request: " + bad.reason(),
                    "problems", bad.problems()));
        }
        PlanRequest plan = ((ParseResult.Ok<PlanRequest>) parsed).value();
        return router.route(plan.customerTenantId(), request, new String(body, StandardCharsets.UTF_8), partition -> {
            if (!access.maySee(request, plan.customerTenantId())) {
                return TenantAccess.unknownTenant(plan.customerTenantId());
            }
            try {
                return queries.plan(plan, planner, partition, clock, access.viewer(request))
                        .<HttpResponse<?>>map(p -> HttpResponse.ok(PlanJson.plan(p).toString())
                                .contentType(MediaType.APPLICATION_JSON_TYPE))
                        .orElseGet(() -> TenantAccess.unknownTenant(plan.customerTenantId()));
            } catch (PlanningException e) {
                return HttpResponse.badRequest(Map.of("message", "cannot plan: " + e.getMessage(),
                        "problems", e.problems()));
            }
        });
    }
}
