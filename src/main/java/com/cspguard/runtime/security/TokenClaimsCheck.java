package com.cspguard.runtime.security;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;

import java.util.Collection;
import java.util.List;

/**
 * The issuer and audience a token must name, when configured (always with a JWKS). The issuer may
 * contain {@code {tid}}: a multi-tenant Entra app gets tokens from each partner's own tenant,
 * {@code https://login.microsoftonline.com/{tid}/v2.0}, and the token's {@code tid} fills it in.
 * Expiry ({@code exp}) and {@code nbf} are checked by Micronaut's own validators.
 */
@Singleton
@Requires(property = "guard.auth.enabled", notEquals = "false")
public class TokenClaimsCheck implements GenericJwtClaimsValidator<HttpRequest<?>> {
    private final String issuer;
    private final List<String> audiences;

    public TokenClaimsCheck(AccessSettings settings) {
        this.issuer = settings.issuer();
        this.audiences = settings.audiences();
    }

    @Override
    public boolean validate(Claims claims, HttpRequest<?> request) {
        return issuerMatches(claims) && audienceMatches(claims);
    }

    private boolean issuerMatches(Claims claims) {
        if (issuer.isEmpty()) {
            return true;
        }
        Object iss = claims.get(Claims.ISSUER);
        Object tid = claims.get("tid");
        String expected = issuer.contains("{tid}") ? (tid == null ? null : issuer.replace("{tid}", tid.toString())) : issuer;
        return iss != null && expected != null && expected.equals(iss.toString());
    }

    private boolean audienceMatches(Claims claims) {
        if (audiences.isEmpty()) {
            return true;
        }
        Object aud = claims.get(Claims.AUDIENCE);
        if (aud instanceof Collection<?> many) {
            return many.stream().anyMatch(a -> audiences.contains(String.valueOf(a)));
        }
        return aud != null && audiences.contains(aud.toString());
    }
}
