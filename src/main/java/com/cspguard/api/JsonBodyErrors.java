package com.cspguard.api;

import io.micronaut.http.MediaType;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The answers every endpoint that reads a JSON request body can give besides its own, for the
 * OpenAPI document: 415 for a body not declared JSON ({@link JsonBody}) and 413 for one larger
 * than {@code GUARD_MAX_BODY_BYTES}. One place, as {@link ApiErrors} is for the authenticated ones.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ApiResponse(responseCode = "415", description = "a body that is not declared application/json",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiErrors.Message.class)))
@ApiResponse(responseCode = "413", description = "the body is larger than GUARD_MAX_BODY_BYTES",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiErrors.Message.class)))
public @interface JsonBodyErrors {
}
