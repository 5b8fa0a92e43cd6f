package com.cspguard.runtime.security;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;

/**
 * What a validly signed token must also say (the contract's "Access"): an {@code exp} at most
 * {@code GUARD_JWT_MAX_VALIDITY} ahead (a token that never expires, or expires in a million years,
 * is a leaked password), the partner claim ({@code tid}), the issuer and, when configured, the
 * audience. The issuer is checked in every mode: the configured one, which may contain
 * {@code {tid}} (a multi-tenant Entra app gets tokens from each partner's own tenant,
 * {@code https://login.microsoftonline.com/{tid}/v2.0}, and the token's {@code tid} fills it in),
 * or the guard's own for the HS256 tokens it mints. Expiry in the past and {@code nbf} are checked
 * by Micronaut's own validators.
 * <p>
 * A refused token is logged once, as one WARN line without stack trace, by {@code ApiAccessFilter};
 * the reason found here travels there as a request attribute.
 */
@Singleton
@Requires(property = "guard.auth.enabled", notEquals = "false")
public class TokenClaimsCheck implements GenericJwtClaimsValidator<HttpRequest<?>> {
    /** Request attribute holding why the token was refused, for the one log line of the refusal. */
    public static final String REFUSAL = "guard.token-refusal";
    /** Clocks differ a little between the issuer and here. */
    static final Duration SKEW = Duration.ofMinutes(5);

    private final String issuer;
    private final List<String> audiences;
    private final String partnerClaim;
    private final Duration maxValidity;
    private final Clock clock;

    public TokenClaimsCheck(AccessSettings settings) {
        this(settings, Clock.systemUTC());
    }

    TokenClaimsCheck(AccessSettings settings, Clock clock) {
        this.issuer = settings.expectedIssuer();
        this.audiences = settings.audiences();
        this.partnerClaim = settings.partnerClaim();
        this.maxValidity = settings.maxTokenValidity();
        this.clock = clock;
    }

    @Override
    public boolean validate(Claims claims, @Nullable HttpRequest<?> request) {
        String refusal = refusal(claims);
        if (refusal != null && request != null) {
            request.setAttribute(REFUSAL, refusal);
        }
        return refusal == null;
    }

    /** Why the token must be refused, or null when its claims are acceptable. */
    public String refusal(Claims claims) {
        Instant exp = instant(claims.get(Claims.EXPIRATION_TIME));
        if (exp == null) {
            return "no exp claim (a token must expire)";
        }
        if (exp.isAfter(clock.instant().plus(maxValidity).plus(SKEW))) {
            return "exp " + exp + " is more than " + maxValidity.toDays() + " days ahead (GUARD_JWT_MAX_VALIDITY)";
        }
        Object tid = claims.get(partnerClaim);
        if (tid == null || tid.toString().isBlank()) {
            return "no " + partnerClaim + " claim";
        }
        if (!issuerMatches(claims, tid.toString())) {
            return "issuer " + claims.get(Claims.ISSUER) + " is not the expected one";
        }
        if (!audienceMatches(claims)) {
            return "audience " + claims.get(Claims.AUDIENCE) + " is not one of the configured ones";
        }
        return null;
    }

    private boolean issuerMatches(Claims claims, String tid) {
        if (issuer.isEmpty()) {
            return true;
        }
        Object iss = claims.get(Claims.ISSUER);
        String expected = issuer.contains("{tid}") ? issuer.replace("{tid}", tid) : issuer;
        return iss != null && expected.equals(iss.toString());
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

    /** {@code exp} as Micronaut hands it over: a Date, or seconds since the epoch. */
    private static Instant instant(Object value) {
        if (value instanceof Date d) {
            return d.toInstant();
        }
        if (value instanceof Number n) {
            return Instant.ofEpochSecond(n.longValue());
        }
        if (value instanceof Instant i) {
            return i;
        }
        return null;
    }
}
