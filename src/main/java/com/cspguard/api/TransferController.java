package com.cspguard.api;

import com.cspguard.domain.TransferDecision;
import com.cspguard.topology.queries.TenantQueries;
import com.cspguard.wire.InputLimits;
import com.cspguard.wire.InputParser;
import com.cspguard.wire.OutputJson;
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

/**
 * {@code POST /transfers/evaluate}: the decision a transfer request would get now, from the
 * same evaluator the stream uses, on the owning instance, without changing any state; only for a
 * caller who may see the request's tenant ({@link TenantAccess}).
 */
@Controller("/transfers")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "transfers")
@ApiErrors
public class TransferController {
    private final OwnerRouter router;
    private final TenantQueries queries;
    private final TenantAccess access;
    private final InputLimits limits;
    private final Clock clock = Clock.systemUTC();

    public TransferController(OwnerRouter router, TenantQueries queries, TenantAccess access, InputLimits limits) {
        this.router = router;
        this.queries = queries;
        this.access = access;
        this.limits = limits;
    }

    @Post(uri = "/evaluate", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Dry run: the decision a transfer request would get now",
            description = "The same evaluation the stream makes, from the tenant's current state, writing nothing. "
                    + "The answer has the fields of a transfer-decisions record.")
    @RequestBody(description = "a transfer request, as on the transfer-requests topic", required = true,
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = "object")))
    @ApiResponse(responseCode = "200", description = "the decision",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = "object")))
    @ApiResponse(responseCode = "400", description = "a malformed body (not UTF-8, not exactly one JSON value, or not a valid request); `message` and `problems` name each problem",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = "object")))
    @ApiResponse(responseCode = "404", description = "the request's tenant is one the caller's partner may not see",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiErrors.Message.class)))
    @JsonBodyErrors
    public HttpResponse<?> evaluate(@io.micronaut.core.annotation.Nullable @Body byte[] body, HttpRequest<?> request) {
        return JsonBody.answer(request, body, b -> InputParser.transferRequestBody(b, limits), "transfer request",
                transfer -> router.route(transfer.customerTenantId(), request, new String(body, StandardCharsets.UTF_8),
                        access.ifSeen(request, transfer.customerTenantId(), partition -> {
                            TransferDecision d = queries.evaluate(transfer, partition, clock.instant(), access.viewer(request));
                            return HttpResponse.ok(OutputJson.decision(d.revision(), d.evaluation()).toString())
                                    .contentType(MediaType.APPLICATION_JSON_TYPE);
                        })));
    }
}
