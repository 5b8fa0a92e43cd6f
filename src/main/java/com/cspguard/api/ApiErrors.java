package com.cspguard.api;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.http.MediaType;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The answers every authenticated tenant endpoint can give besides its own, for the OpenAPI
 * document: 401 without a valid bearer token, 503 while the tenant's owner is not known
 * (rebalancing), 502 when the owning instance does not answer.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@SecurityRequirement(name = ApiErrors.BEARER)
@ApiResponse(responseCode = "401", description = "no bearer token, or one that is invalid, expired, or for another issuer "
        + "or audience; the answer carries `WWW-Authenticate: Bearer`")
@ApiResponse(responseCode = "503", description = "no instance owns the tenant right now (starting or rebalancing); retry",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiErrors.Message.class)))
@ApiResponse(responseCode = "502", description = "the instance owning the tenant did not answer",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiErrors.Message.class)))
public @interface ApiErrors {
    /** Name of the bearer security scheme declared on the application. */
    String BEARER = "bearer";

    /** The body of an error answer. */
    @Introspected
    record Message(String message) { }
}
