package com.cspguard.api;

import com.cspguard.domain.planning.PlanRequest;
import com.cspguard.domain.planning.PlanningException;
import com.cspguard.domain.planning.TransferPlanner;
import com.cspguard.topology.queries.TenantQueries;
import com.cspguard.wire.InputLimits;
import com.cspguard.wire.InputParser;
import com.cspguard.domain.planning.TransferPlan;
import com.cspguard.wire.PlanCalendar;
import com.cspguard.wire.PlanCsv;
import com.cspguard.wire.PlanJson;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
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
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /transfers/plan}: a dated, limit-safe plan to move a tenant's subscriptions
 * (docs/planner.md), made on the owning instance from the tenant's live state, changing nothing;
 * only for a caller who may see the tenant ({@link TenantAccess}), as the dry run. The plan is JSON,
 * or, when the caller's {@code Accept} prefers it, CSV (one row per subscription) or iCalendar (one
 * event per step and per repurchase deadline); errors are always JSON.
 */
@Controller("/transfers")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "transfers")
@ApiErrors
public class PlanController {
    static final String TEXT_CSV = "text/csv";
    static final String TEXT_CALENDAR = "text/calendar";
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

    @Post(uri = "/plan", consumes = MediaType.ALL, produces = {MediaType.APPLICATION_JSON, TEXT_CSV, TEXT_CALENDAR})
    @Operation(summary = "A dated, limit-safe plan to move a tenant's subscriptions to a new partner",
            description = "Which subscriptions go by expiry and repurchase, which are duplicated in which batches and "
                    + "on which dates, so that the tenant never exceeds its maximum and no data is lost "
                    + "(docs/planner.md). Made from the tenant's live state; changes nothing. The same plan as CSV "
                    + "(`Accept: text/csv`, one row per subscription) or iCalendar (`Accept: text/calendar`, one "
                    + "event per step and per repurchase deadline); JSON otherwise.")
    @RequestBody(description = "tenant, target partner (id, country, requesting role), subscriptions (ids or all "
            + "counted ones), start date and deadline", required = true,
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = "object")))
    @ApiResponse(responseCode = "200", description = "the plan: steps, per subscription, totals, blockers, warnings; "
            + "as CSV one row per subscription (columns: " + "subscriptionId, outcome, method, commerceType, offerId, "
            + "targetOfferId, quantity, termEndDate, disableAutorenewOn, transferOn, repurchaseFrom, repurchaseTo, batch, "
            + "duplicateOn, cancelSourceOn, paidDaysLost, licenceDaysLost, blockers, reason); as iCalendar one all-day "
            + "VEVENT per step and one per repurchase deadline",
            content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = "object")),
                    @Content(mediaType = TEXT_CSV, schema = @Schema(type = "string")),
                    @Content(mediaType = TEXT_CALENDAR, schema = @Schema(type = "string"))})
    @ApiResponse(responseCode = "400", description = "a malformed body or dates that cannot be planned; `message` "
            + "and `problems` name each problem",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = "object")))
    @ApiResponse(responseCode = "404", description = "a tenant that is unknown or that the caller's partner may not see",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiErrors.Message.class)))
    @JsonBodyErrors
    public HttpResponse<?> plan(@io.micronaut.core.annotation.Nullable @Body byte[] body, HttpRequest<?> request) {
        return asJsonUnlessTyped(answer(body, request));
    }

    /**
     * An answer without a content type (the errors, written as maps) is JSON, whatever the caller
     * accepts: without this the server would look for a CSV or iCalendar encoder for the map.
     */
    private static HttpResponse<?> asJsonUnlessTyped(HttpResponse<?> answer) {
        if (answer.getContentType().isEmpty() && answer instanceof MutableHttpResponse<?> mutable) {
            return mutable.contentType(MediaType.APPLICATION_JSON_TYPE);
        }
        return answer;
    }

    private HttpResponse<?> answer(byte[] body, HttpRequest<?> request) {
        return JsonBody.answer(request, body, b -> InputParser.planRequestBody(b, limits), "plan request",
                plan -> router.route(plan.customerTenantId(), request, new String(body, StandardCharsets.UTF_8),
                        access.ifSeen(request, plan.customerTenantId(), partition -> planned(plan, partition, request))));
    }

    private HttpResponse<?> planned(PlanRequest plan, int partition, HttpRequest<?> request) {
        try {
            return queries.plan(plan, planner, partition, clock, access.viewer(request))
                    .<HttpResponse<?>>map(p -> inAcceptedType(p, request.accept()))
                    .orElseGet(() -> TenantAccess.unknownTenant(plan.customerTenantId()));
        } catch (PlanningException e) {
            return HttpResponse.badRequest(Map.of("message", "cannot plan: " + e.getMessage(),
                    "problems", e.problems()));
        }
    }

    /** The plan in the first of the caller's accepted types the endpoint writes; JSON for anything else. */
    private HttpResponse<?> inAcceptedType(TransferPlan plan, Collection<MediaType> accepted) {
        List<MediaType> preferred = new ArrayList<>(accepted);
        preferred.sort(Comparator.comparing(MediaType::getQualityAsNumber).reversed());
        for (MediaType type : preferred) {
            String name = type.getName();
            if (name.equalsIgnoreCase(TEXT_CSV)) {
                return HttpResponse.ok(PlanCsv.plan(plan)).contentType(TEXT_CSV + ";charset=utf-8")
                        .header("Content-Disposition", "attachment; filename=\"transfer-plan.csv\"");
            }
            if (name.equalsIgnoreCase(TEXT_CALENDAR)) {
                return HttpResponse.ok(PlanCalendar.plan(plan, clock.instant()))
                        .contentType(TEXT_CALENDAR + ";charset=utf-8")
                        .header("Content-Disposition", "attachment; filename=\"transfer-plan.ics\"");
            }
            if (name.equalsIgnoreCase(MediaType.APPLICATION_JSON) || name.equals(MediaType.ALL)) {
                break;
            }
        }
        return HttpResponse.ok(PlanJson.plan(plan).toString()).contentType(MediaType.APPLICATION_JSON_TYPE);
    }
}
