package com.cspguard.api;

import com.cspguard.domain.planning.PlanRequest;
import com.cspguard.domain.planning.PlanningException;
import com.cspguard.domain.planning.TransferPlanner;
import com.cspguard.topology.queries.TenantQueries;
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

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/**
 * {@code POST /transfers/plan}: a dated, limit-safe plan to move a tenant's subscriptions
 * (docs/planner.md), made on the owning instance from the tenant's live state, changing nothing.
 */
@Controller("/transfers")
@ExecuteOn(TaskExecutors.BLOCKING)
public class PlanController {
    private final OwnerRouter router;
    private final TenantQueries queries;
    private final TransferPlanner planner;
    private final Clock clock = Clock.systemUTC();

    public PlanController(OwnerRouter router, TenantQueries queries, TransferPlanner planner) {
        this.router = router;
        this.queries = queries;
        this.planner = planner;
    }

    @Post(uri = "/plan", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> plan(@Body String body, HttpRequest<?> request) {
        ParseResult<PlanRequest> parsed = InputParser.planRequestBody(
                body == null ? null : body.getBytes(StandardCharsets.UTF_8));
        if (parsed instanceof ParseResult.Bad<PlanRequest> bad) {
            return HttpResponse.badRequest(Map.of("message", "invalid plan request: " + bad.reason(),
                    "problems", bad.problems()));
        }
        PlanRequest plan = ((ParseResult.Ok<PlanRequest>) parsed).value();
        return router.route(plan.customerTenantId(), request, body, partition -> {
            try {
                return queries.plan(plan, planner, partition, clock)
                        .<HttpResponse<?>>map(p -> HttpResponse.ok(PlanJson.plan(p).toString())
                                .contentType(MediaType.APPLICATION_JSON_TYPE))
                        .orElseGet(() -> HttpResponse.notFound(Map.of("message", "unknown tenant " + plan.customerTenantId())));
            } catch (PlanningException e) {
                return HttpResponse.badRequest(Map.of("message", "cannot plan: " + e.getMessage(),
                        "problems", e.problems()));
            }
        });
    }
}
