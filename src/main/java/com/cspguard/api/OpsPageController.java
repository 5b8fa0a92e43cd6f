package com.cspguard.api;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The operations page: {@code GET /ui} is its HTML, its script and style are static files under
 * {@code /ui/} ({@code classpath:ui}), and {@code GET /} leads to it. No token is needed for the
 * files; the page asks for one and sends it with every JSON call, which stays protected.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@Hidden
public class OpsPageController {
    private final String page = read("ui/index.html");

    @Get(produces = MediaType.TEXT_HTML)
    public HttpResponse<?> root() {
        return HttpResponse.seeOther(URI.create("/ui"));
    }

    @Get(uri = "/ui", produces = MediaType.TEXT_HTML)
    public HttpResponse<String> page() {
        return HttpResponse.ok(page).header("Cache-Control", "no-cache");
    }

    private static String read(String resource) {
        try (InputStream in = OpsPageController.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
