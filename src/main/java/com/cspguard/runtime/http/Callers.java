package com.cspguard.runtime.http;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;

import java.util.Optional;

/** Who a request comes from, as far as the edge can tell: the verified token, the token as claimed, the address. */
final class Callers {
    private Callers() { }

    static Optional<Authentication> authenticated(HttpRequest<?> request) {
        return request.getUserPrincipal(Authentication.class);
    }

    static String remote(HttpRequest<?> request) {
        try {
            return request.getRemoteAddress().getAddress().getHostAddress();
        } catch (RuntimeException e) {
            return "unknown";
        }
    }

    static boolean sentBearer(HttpRequest<?> request) {
        return request.getHeaders().getAuthorization().filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7)).isPresent();
    }

    /** The claims of the bearer token as sent, not verified: for the audit line of a refusal only. */
    static Optional<JWTClaimsSet> claimed(HttpRequest<?> request) {
        return request.getHeaders().getAuthorization().filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
                .flatMap(h -> {
                    try {
                        return Optional.of(SignedJWT.parse(h.substring(7).trim()).getJWTClaimsSet());
                    } catch (Exception e) {
                        return Optional.empty();
                    }
                });
    }

    static String attribute(Authentication a, String claim) {
        Object v = a.getAttributes().get(claim);
        return v == null ? null : v.toString();
    }
}
