package com.cspguard.runtime.security;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code guard.auth.*} settings: how bearer tokens are checked and what in them names the
 * caller's partner and the admin role. Fails the start on a combination that cannot work.
 */
@Singleton
public class AccessSettings {
    /** HS256 needs a key at least as long as its hash (RFC 7518, 3.2). */
    public static final int MIN_SECRET_BYTES = 32;
    /** The default of {@code guard.auth.max-token-validity}: no token may be valid for more than a year ahead. */
    public static final Duration DEFAULT_MAX_VALIDITY = Duration.ofDays(365);

    private final boolean enabled;
    private final String jwksUrl;
    private final String issuer;
    private final List<String> audiences;
    private final String secret;
    private final Path dataDir;
    private final String partnerClaim;
    private final String adminRole;
    private final Duration maxTokenValidity;
    private final Set<String> adminTenants;

    /** The settings with the defaults of the newer ones (a year at most, no admin tenants): for tests and tools. */
    public AccessSettings(boolean enabled, String jwksUrl, String issuer, String audience, String secret, String dataDir,
                          String partnerClaim, String adminRole) {
        this(enabled, jwksUrl, issuer, audience, secret, dataDir, partnerClaim, adminRole, DEFAULT_MAX_VALIDITY, "");
    }

    @Inject
    public AccessSettings(@Value("${guard.auth.enabled:true}") boolean enabled,
                          @Value("${guard.auth.jwks-url:}") String jwksUrl,
                          @Value("${guard.auth.issuer:}") String issuer,
                          @Value("${guard.auth.audience:}") String audience,
                          @Value("${guard.auth.secret:}") String secret,
                          @Value("${guard.data-dir:./data}") String dataDir,
                          @Value("${guard.auth.partner-claim:tid}") String partnerClaim,
                          @Value("${guard.auth.admin-role:guard-admin}") String adminRole,
                          @Value("${guard.auth.max-token-validity:365d}") Duration maxTokenValidity,
                          @Value("${guard.auth.admin-tenants:}") String adminTenants) {
        this.enabled = enabled;
        this.jwksUrl = jwksUrl.trim();
        this.issuer = issuer.trim();
        this.audiences = Arrays.stream(audience.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        this.secret = secret;
        this.dataDir = Path.of(dataDir);
        this.partnerClaim = partnerClaim.trim();
        this.adminRole = adminRole.trim();
        this.maxTokenValidity = maxTokenValidity;
        this.adminTenants = Arrays.stream(adminTenants.split(",")).map(t -> t.trim().toLowerCase(Locale.ROOT))
                .filter(t -> !t.isEmpty()).collect(Collectors.toUnmodifiableSet());
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
        if (maxTokenValidity.isNegative() || maxTokenValidity.isZero()) {
            throw new IllegalArgumentException("GUARD_JWT_MAX_VALIDITY must be positive, was " + maxTokenValidity);
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

    /** How far ahead a token's {@code exp} may lie; a token valid for longer is refused. */
    public Duration maxTokenValidity() {
        return maxTokenValidity;
    }

    /**
     * The {@code iss} a token must carry: the configured issuer ({@code {tid}} allowed), or, when
     * only HS256 tokens are taken and none is configured, the issuer of the tokens the guard mints.
     */
    public String expectedIssuer() {
        return issuer.isEmpty() && !usesJwks() ? Tokens.LOCAL_ISSUER : issuer;
    }

    /**
     * The operator's own Entra tenants (GUARD_ADMIN_TENANTS, lower case): with an OIDC issuer, the admin
     * role counts only in a token from one of them, since any customer of a multitenant app can assign
     * app roles in its own tenant.
     */
    public Set<String> adminTenants() {
        return adminTenants;
    }

    /** Whether a token whose partner claim is {@code tid} may use the admin role it carries. */
    public boolean adminRoleCountsFor(String tid) {
        if (!usesJwks()) {
            return true; // HS256 tokens are minted by whoever holds the secret: the operator
        }
        return tid != null && adminTenants.contains(tid.trim().toLowerCase(Locale.ROOT));
    }
}
