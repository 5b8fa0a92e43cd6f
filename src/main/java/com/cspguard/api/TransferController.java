package com.cspguard.api;

import com.cspguard.domain.TransferDecision;
import com.cspguard.domain.TransferRequest;
import com.cspguard.topology.TenantQueries;
import com.cspguard.wire.InputLimits;
import com.cspguard.wire.InputParser;
import com.cspguard.wire.OutputJson;
import com.cspguard.wire.ParseResult;
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
 * {@code POST /transfers/evaluate}: the decision a transfer request would get now, from the
 * same evaluator the stream uses, on the owning instance, without changing any state.
 */
@Controller("/transfers")
@ExecuteOn(TaskExecutors.BLOCKING)
public class TransferController {
    private final OwnerRouter router;
    private final TenantQueries queries;
    private final InputLimits limits;
    private final Clock clock = Clock.systemUTC();

    public TransferController(OwnerRouter router, TenantQueries queries, InputLimits limits) {
        this.router = router;
        this.queries = queries;
        this.limits = limits;
    }

    @Post(uri = "/evaluate", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> evaluate(@Body String body, HttpRequest<?> request) {
        ParseResult<TransferRequest> parsed = InputParser.transferRequestBody(
                body == null ? null : body.getBytes(StandardCharsets.UTF_8), limits);
        if (parsed instanceof ParseResult.Bad<TransferRequest> bad) {
            return HttpResponse.badRequest(Map.of("message", "invalid transfer request: " + bad.reason(),
                    "problems", bad.problems()));
        }
        TransferRequest transfer = ((ParseResult.Ok<TransferRequest>) parsed).value();
        return router.route(transfer.customerTenantId(), request, body, partition -> {
            TransferDecision d = queries.evaluate(transfer, partition, clock.instant());
            return HttpResponse.ok(OutputJson.decision(d.revision(), d.evaluation()).toString())
                    .contentType(MediaType.APPLICATION_JSON_TYPE);
        });
    }
}
