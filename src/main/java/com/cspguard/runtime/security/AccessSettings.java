package com.cspguard.runtime.security;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code guard.auth.*} settings: how bearer tokens are checked and what in them names the
 * caller's partner and the admin role. Fails the start on a combination that cannot work.
 */
@Singleton
public class AccessSettings {
    /** HS256 needs a key at least as long as its hash (RFC 7518, 3.2). */
    public static final int MIN_SECRET_BYTES = 32;

    private final boolean enabled;
    private final String jwksUrl;
    private final String issuer;
    private final List<String> audiences;
    private final String secret;
    private final Path dataDir;
    private final String partnerClaim;
    private final String adminRole;

    public AccessSettings(@Value("${guard.auth.enabled:true}") boolean enabled,
                          @Value("${guard.auth.jwks-url:}") String jwksUrl,
                          @Value("${guard.auth.issuer:}") String issuer,
                          @Value("${guard.auth.audience:}") String audience,
                          @Value("${guard.auth.secret:}") String secret,
                          @Value("${guard.data-dir:./data}") String dataDir,
                          @Value("${guard.auth.partner-claim:tid}") String partnerClaim,
                          @Value("${guard.auth.admin-role:guard-admin}") String adminRole) {
        this.enabled = enabled;
        this.jwksUrl = jwksUrl.trim();
        this.issuer = issuer.trim();
        this.audiences = Arrays.stream(audience.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        this.secret = secret;
        this.dataDir = Path.of(dataDir);
        this.partnerClaim = partnerClaim.trim();
        this.adminRole = adminRole.trim();
        if (!enabled) {
            return;
        }
        if (!this.jwksUrl.isEmpty() && (this.issuer.isEmpty() || audiences.isEmpty())) {
            throw new IllegalArgumentException("GUARD_JWT_JWKS_URL is set, so GUARD_JWT_ISSUER and GUARD_JWT_AUDIENCE "
                    + "must be set too: tokens of that issuer for other applications must not be accepted");
        }
        if (!secret.isEmpty() && secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("GUARD_JWT_SECRET must be at least " + MIN_SECRET_BYTES
                    + " bytes long for HS256, it has " + secret.getBytes(StandardCharsets.UTF_8).length);
        }
        if (this.partnerClaim.isEmpty() || this.adminRole.isEmpty()) {
            throw new IllegalArgumentException("GUARD_JWT_PARTNER_CLAIM and GUARD_JWT_ADMIN_ROLE must not be empty");
        }
    }

    public boolean enabled() {
        return enabled;
    }

    public boolean usesJwks() {
        return !jwksUrl.isEmpty();
    }

    public boolean usesConfiguredSecret() {
        return !secret.isEmpty();
    }

    /** Neither an issuer nor a secret: the service signs its own tokens with a secret kept in the data folder. */
    public boolean usesLocalSecret() {
        return enabled && !usesJwks() && !usesConfiguredSecret();
    }

    public String jwksUrl() {
        return jwksUrl;
    }

    /** The expected {@code iss}; may contain {@code {tid}} for multi-tenant Entra apps. Empty: not checked. */
    public String issuer() {
        return issuer;
    }

    /** Accepted {@code aud} values; empty: not checked. */
    public List<String> audiences() {
        return audiences;
    }

    public String secret() {
        return secret;
    }

    public Path dataDir() {
        return dataDir;
    }

    public String partnerClaim() {
        return partnerClaim;
    }

    public String adminRole() {
        return adminRole;
    }
}
