package com.cspguard.runtime.security;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.WwwAuthenticateChallengeProvider;
import jakarta.inject.Singleton;

/**
 * The {@code WWW-Authenticate} header of a 401 (RFC 6750): {@code Bearer}, with
 * {@code error="invalid_token"} when a token was sent but not accepted (bad signature, expired,
 * wrong issuer or audience).
 */
@Singleton
@Requires(property = "guard.auth.enabled", notEquals = "false")
public class BearerChallenge implements WwwAuthenticateChallengeProvider<HttpRequest<?>> {
    static final String REALM = "csp-transfer-guard";

    @Override
    public String getWwwAuthenticateChallenge(HttpRequest<?> request) {
        boolean sent = request.getHeaders().getAuthorization().filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7)).isPresent();
        return "Bearer realm=\"" + REALM + "\"" + (sent ? ", error=\"invalid_token\"" : "");
    }
}
