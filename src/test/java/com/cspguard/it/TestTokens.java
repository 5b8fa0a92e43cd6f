package com.cspguard.it;

import com.cspguard.runtime.security.Tokens;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Bearer tokens for the integration tests: HS256 with the secret every {@link GuardInstance}
 * is started with (GUARD_JWT_SECRET), unless a test configures another way to check tokens.
 */
final class TestTokens {
    static final String SECRET = "integration-tests-secret-of-at-least-32-bytes";
    static final String ADMIN_ROLE = "guard-admin";

    private TestTokens() { }

    /** A token with the admin role: sees every tenant. */
    static String admin() {
        return Tokens.mint(SECRET, "it-admin", "tid", Tokens.OPERATOR_TID, List.of(ADMIN_ROLE), Duration.ofHours(1), Instant.now());
    }

    /** A token of the partner whose Entra tenant id is {@code tid}: sees only its customers. */
    static String partner(String tid) {
        return Tokens.mint(SECRET, "it-partner-" + tid, "tid", tid, List.of(), Duration.ofHours(1), Instant.now());
    }
}
