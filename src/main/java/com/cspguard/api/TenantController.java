package com.cspguard.api;

import com.cspguard.topology.queries.TenantQueries;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.Map;

/** {@code GET /tenants/{id}} and {@code GET /tenants/{id}/timers}, answered by whichever instance is asked. */
@Controller("/tenants")
@ExecuteOn(TaskExecutors.BLOCKING)
public class TenantController {
    private final OwnerRouter router;
    private final TenantQueries queries;

    public TenantController(OwnerRouter router, TenantQueries queries) {
        this.router = router;
        this.queries = queries;
    }

    @Get(uri = "/{customerTenantId}", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> tenant(@PathVariable String customerTenantId, HttpRequest<?> request) {
        return router.route(customerTenantId, request, null, partition -> queries.tenant(customerTenantId, partition)
                .<HttpResponse<?>>map(body -> HttpResponse.ok(body.toString()).contentType(MediaType.APPLICATION_JSON_TYPE))
                .orElseGet(() -> HttpResponse.notFound(Map.of("message", "unknown tenant " + customerTenantId))));
    }

    @Get(uri = "/{customerTenantId}/timers", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> timers(@PathVariable String customerTenantId, HttpRequest<?> request) {
        return router.route(customerTenantId, request, null, partition ->
                HttpResponse.ok(queries.timers(customerTenantId, partition).toString())
                        .contentType(MediaType.APPLICATION_JSON_TYPE));
    }
}
