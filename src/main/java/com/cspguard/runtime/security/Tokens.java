package com.cspguard.runtime.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/** Mints HS256 bearer tokens with the guard's secret: the admin token of the default mode and partner tokens. */
public final class Tokens {
    /** The {@code iss} of tokens the guard signs itself. */
    public static final String LOCAL_ISSUER = "csp-transfer-guard";
    /**
     * The {@code tid} of the admin tokens the guard mints itself (every token must carry one). Not a
     * tenant any partner can have: the nil GUID.
     */
    public static final String OPERATOR_TID = "00000000-0000-0000-0000-000000000000";

    private Tokens() { }

    /**
     * @param partnerClaim name of the claim carrying the partner ({@code tid} by default); not written when {@code partner} is null
     * @param roles        written as the {@code roles} claim when not empty
     */
    public static String mint(String secret, String subject, String partnerClaim, String partner, List<String> roles,
                              Duration validity, Instant now) {
        return mint(secret, LOCAL_ISSUER, subject, partnerClaim, partner, roles, validity, now);
    }

    /** As above, naming {@code issuer} as {@code iss} (GUARD_JWT_ISSUER when it is set). */
    public static String mint(String secret, String issuer, String subject, String partnerClaim, String partner,
                              List<String> roles, Duration validity, Instant now) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(subject)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(validity)));
        if (partner != null) {
            claims.claim(partnerClaim, partner);
        }
        if (!roles.isEmpty()) {
            claims.claim("roles", roles);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
        try {
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalArgumentException("cannot sign a token: " + e.getMessage(), e);
        }
        return jwt.serialize();
    }
}
