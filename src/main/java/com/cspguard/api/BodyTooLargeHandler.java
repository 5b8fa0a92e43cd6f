package com.cspguard.api;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.server.exceptions.ContentLengthExceededHandler;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

import java.util.Map;

/** 413 for a body above the limit, with a message that names the limit and the setting that raises it. */
@Singleton
@Replaces(ContentLengthExceededHandler.class)
public class BodyTooLargeHandler implements ExceptionHandler<ContentLengthExceededException, HttpResponse<?>> {
    private final long limit;

    public BodyTooLargeHandler(@Value("${micronaut.server.max-request-size:1048576}") long limit) {
        this.limit = limit;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, ContentLengthExceededException e) {
        return HttpResponse.status(HttpStatus.REQUEST_ENTITY_TOO_LARGE).body(Map.of("message",
                "request body too large: the limit is " + limit + " bytes (GUARD_MAX_BODY_BYTES); " + e.getMessage()));
    }
}
