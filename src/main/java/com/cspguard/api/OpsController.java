package com.cspguard.api;

import com.cspguard.domain.Decision;
import com.cspguard.topology.config.GuardSettings;
import com.cspguard.topology.views.OpsView;
import com.cspguard.topology.views.OpsViewBuilder;
import com.cspguard.wire.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What needs attention now, across every tenant the caller may see ({@link TenantAccess}): the
 * tenants nearest their limits, the deadlines of the next days and the open transfers. Answered
 * from the views each task publishes every few seconds ({@code GUARD_OPS_VIEW_INTERVAL}), gathered
 * from every instance ({@link OpsGatherer}); never a scan of the stores per request.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "operations")
@ApiErrors
public class OpsController {
    static final int MAX_LIMIT = 5_000;
    static final String ENVELOPE = "`{generatedAt, instances, instancesAnswered, complete, partitions, partitionsIncluded, items}`: "
            + "`generatedAt` is when the oldest view used was built; `complete` is true only when the views of every partition "
            + "(`partitions`, of which `partitionsIncluded` answered) are in it: false after a restart or a rebalance until they are.";

    private final OpsGatherer gatherer;
    private final TenantAccess access;
    private final Duration horizon;

    public OpsController(OpsGatherer gatherer, TenantAccess access, GuardSettings settings) {
        this.gatherer = gatherer;
        this.access = access;
        this.horizon = settings.ops().horizon();
    }

    @Get(uri = "/tenants", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "The tenants nearest their limits",
            description = ENVELOPE + " Each item {customerTenantId, customerName, countedSubscriptions, "
                    + "headroom (duplicationThreshold - counted, as on tenant-subscription-counts), roomToMaximum (tenantMaximum - counted), "
                    + "duplicationThreshold, tenantMaximum, byStatus}, least headroom first.")
    @ApiResponse(responseCode = "200", description = "the tenants the caller may see",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = "object")))
    @ApiResponse(responseCode = "400", description = "an unknown sort or a limit out of range",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiErrors.Message.class)))
    public HttpResponse<?> tenants(@Parameter(description = "only `headroom` (least first)") @Nullable @QueryValue String sort,
                                   @Parameter(description = "most items, 1 to 5000; default 50") @Nullable @QueryValue Integer limit,
                                   HttpRequest<?> request) {
        if (sort != null && !sort.equals("headroom")) {
            return badRequest("sort must be headroom, was " + sort);
        }
        int n = limit == null ? 50 : limit;
        if (n < 1 || n > MAX_LIMIT) {
            return limitOutOfRange(n);
        }
        Predicate<OpsView.TenantRow> sees = rowsSeen(request, OpsView.TenantRow::visibleTo);
        // a partner sees a tenant's counts, and of its subscriptions only its own
        Optional<String> partner = access.seesEveryTenant(request) ? Optional.empty() : access.partnerOf(request);
        return ok(gatherer.gather(request, OpsView.TenantRow.class,
                views -> rows(views, OpsView::tenants, sees).stream().map(t -> partner.map(t::forPartner).orElse(t)).toList(),
                OpsView.TenantRow::customerTenantId, Comparator.comparingInt(OpsView.TenantRow::headroom)
                .thenComparing(OpsView.TenantRow::customerTenantId), n));
    }

    @Get(uri = "/deadlines", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "The deadlines of the next days",
            description = ENVELOPE + " Each item {customerTenantId, subscriptionId, offerId, "
                    + "offerName (the subscription's, else the catalog's), timerType, dueAt, actBy (the last instant to act: the repurchase "
                    + "deadline for REPURCHASE_DEADLINE and GRACE_PERIOD_ENDING, the end of term for TERM_ENDING), termEnd, status, autoRenewEnabled}: the REPURCHASE_DEADLINE, GRACE_PERIOD_ENDING "
                    + "and TERM_ENDING timers that will fire if nothing changes (no grace timer of a repurchased subscription, no "
                    + "TERM_ENDING with autorenew on unless it is in an open transfer), by day (UTC), repurchase deadlines first; "
                    + "A partner sees only the deadlines of the subscriptions it holds. "
                    + "Made from the timer schedule every GUARD_OPS_DEADLINE_INTERVAL (30s); `generatedAt` says when.")
    @ApiResponse(responseCode = "200", description = "the deadlines of the tenants the caller may see",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = "object")))
    @ApiResponse(responseCode = "400", description = "days beyond GUARD_OPS_DEADLINE_HORIZON, or a limit out of range",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiErrors.Message.class)))
    public HttpResponse<?> deadlines(@Parameter(description = "days ahead, 0 to the horizon (default 14 days)") @Nullable @QueryValue Integer days,
                                     @Parameter(description = "most items, 1 to 5000; default 1000") @Nullable @QueryValue Integer limit,
                                     HttpRequest<?> request) {
        int d = days == null ? (int) horizon.toDays() : days;
        if (d < 0 || Duration.ofDays(d).compareTo(horizon) > 0) {
            return badRequest("days must be between 0 and " + horizon.toDays() + " (GUARD_OPS_DEADLINE_HORIZON), was " + d);
        }
        int n = limit == null ? 1_000 : limit;
        if (n < 1 || n > MAX_LIMIT) {
            return limitOutOfRange(n);
        }
        Instant until = Instant.now().plus(Duration.ofDays(d));
        Predicate<OpsView.DeadlineRow> sees = rowsSeen(request, OpsView.DeadlineRow::heldBy);
        return ok(gatherer.gather(request, OpsView.DeadlineRow.class, OpsView::deadlinesGeneratedAt,
                views -> rows(views, OpsView::deadlines, r -> !r.dueAt().isAfter(until) && sees.test(r)), r -> r.customerTenantId() + '|' + r.subscriptionId() + '|' + r.timerType(), OpsViewBuilder.DEADLINE_ORDER, n));
    }

    @Get(uri = "/transfers", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "The open transfers with their last decision",
            description = ENVELOPE + " Each item {customerTenantId, transferId, method, "
                    + "sourcePartnerTenantId, targetPartnerTenantId, requestedAt, expiresAt, revision, decision, evaluatedAt, "
                    + "countedSubscriptions, projectedSubscriptions, tenantMaximum, findings[{code, severity, subscriptionIds, "
                    + "message (empty here: GET /tenants/{id}/transfers has the texts), remediation}]}, BLOCKED first, then ALLOWED_WITH_WARNINGS, then ALLOWED.")
    @ApiResponse(responseCode = "200", description = "the open transfers of the tenants the caller may see",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = "object")))
    @ApiResponse(responseCode = "400", description = "an unknown decision, or a limit out of range",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiErrors.Message.class)))
    public HttpResponse<?> transfers(@Parameter(description = "only this decision: ALLOWED, ALLOWED_WITH_WARNINGS or BLOCKED") @Nullable @QueryValue String decision,
                                     @Parameter(description = "only this tenant's") @Nullable @QueryValue String customerTenantId,
                                     @Parameter(description = "most items, 1 to 5000; default 1000") @Nullable @QueryValue Integer limit,
                                     HttpRequest<?> request) {
        Optional<Decision> only;
        try {
            only = Optional.ofNullable(decision).filter(s -> !s.isBlank()).map(s -> Decision.valueOf(s.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return badRequest("decision must be ALLOWED, ALLOWED_WITH_WARNINGS or BLOCKED, was " + decision);
        }
        int n = limit == null ? 1_000 : limit;
        if (n < 1 || n > MAX_LIMIT) {
            return limitOutOfRange(n);
        }
        Predicate<OpsView.TransferRow> sees = rowsSeen(request, OpsView.TransferRow::involves);
        return ok(gatherer.gather(request, OpsView.TransferRow.class, views -> rows(views, OpsView::transfers,
                r -> only.map(x -> x.name().equals(r.decision())).orElse(true)
                        && (customerTenantId == null || customerTenantId.equals(r.customerTenantId()))
                        && sees.test(r)), r -> r.customerTenantId() + '|' + r.transferId(), Comparator.comparingInt((OpsView.TransferRow r) -> severity(r.decision()))
                .thenComparing(OpsView.TransferRow::customerTenantId).thenComparing(OpsView.TransferRow::transferId), n));
    }

    private static int severity(String decision) {
        return decision == null ? 3 : switch (decision) {
            case "BLOCKED" -> 0;
            case "ALLOWED_WITH_WARNINGS" -> 1;
            default -> 2;
        };
    }

    /** The rows of one kind ({@code of}) of every view that {@code keep} keeps. */
    private static <R> List<R> rows(List<OpsView> views, Function<OpsView, List<R>> of, Predicate<R> keep) {
        List<R> out = new ArrayList<>();
        for (OpsView v : views) {
            for (R row : of.apply(v)) {
                if (keep.test(row)) {
                    out.add(row);
                }
            }
        }
        return out;
    }

    /**
     * The rows the caller may see: all for the admin role; for a partner only its own (the deadlines
     * of the subscriptions it holds, the transfers it is the source or target of), also in a tenant
     * other partners serve.
     */
    private <R> Predicate<R> rowsSeen(HttpRequest<?> request, java.util.function.BiPredicate<R, String> own) {
        if (access.seesEveryTenant(request)) {
            return row -> true;
        }
        Optional<String> partner = access.partnerOf(request);
        return partner.<Predicate<R>>map(p -> row -> own.test(row, p)).orElse(row -> false);
    }

    private static HttpResponse<?> ok(OpsGatherer.Answer<?> answer) {
        try {
            return HttpResponse.ok(Json.MAPPER.writeValueAsString(answer)).contentType(MediaType.APPLICATION_JSON_TYPE);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an operations answer could not be written", e);
        }
    }

    private static HttpResponse<?> limitOutOfRange(int limit) {
        return badRequest("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
    }

    private static HttpResponse<?> badRequest(String message) {
        return HttpResponse.badRequest(Map.of("message", message));
    }
}
