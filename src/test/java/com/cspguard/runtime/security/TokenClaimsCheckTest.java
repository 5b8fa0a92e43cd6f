package com.cspguard.runtime.security;

import io.micronaut.security.token.Claims;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenClaimsCheckTest {
    private static AccessSettings settings(String jwks, String issuer, String audience, String secret) {
        return new AccessSettings(true, jwks, issuer, audience, secret, "./data", "tid", "guard-admin");
    }

    private static Claims claims(Object iss, Object aud, String tid) {
        return claims(iss, aud, tid, Instant.now().plus(Duration.ofHours(1)));
    }

    private static Claims claims(Object iss, Object aud, String tid, Instant exp) {
        Map<String, Object> m = new HashMap<>();
        m.put("iss", iss);
        m.put("aud", aud);
        m.put("tid", tid);
        if (exp != null) {
            m.put("exp", Date.from(exp));
        }
        return new Claims() {
            @Override
            public Object get(String name) {
                return m.get(name);
            }

            @Override
            public Set<String> names() {
                return m.keySet();
            }

            @Override
            public boolean contains(String name) {
                return m.containsKey(name);
            }
        };
    }

    @Test
    void issuerWithTidTakesEachPartnersOwnIssuer() {
        TokenClaimsCheck check = new TokenClaimsCheck(settings("https://keys", "https://login.microsoftonline.com/{tid}/v2.0",
                "client-id", ""));
        assertThat(check.validate(claims("https://login.microsoftonline.com/t-1/v2.0", "client-id", "t-1"), null)).isTrue();
        // a token of tenant t-2 claiming to be issued for t-1 is refused
        assertThat(check.validate(claims("https://login.microsoftonline.com/t-1/v2.0", "client-id", "t-2"), null)).isFalse();
        assertThat(check.validate(claims("https://login.microsoftonline.com/t-1/v2.0", "client-id", null), null)).isFalse();
    }

    @Test
    void audienceMustBeOneOfTheConfiguredOnesAlsoInAList() {
        TokenClaimsCheck check = new TokenClaimsCheck(settings("https://keys", "iss", "client-id, api://guard", ""));
        assertThat(check.validate(claims("iss", "api://guard", "t"), null)).isTrue();
        assertThat(check.validate(claims("iss", List.of("other", "client-id"), "t"), null)).isTrue();
        assertThat(check.validate(claims("iss", "other", "t"), null)).isFalse();
        assertThat(check.validate(claims("iss", null, "t"), null)).isFalse();
        assertThat(check.validate(claims("other-issuer", "client-id", "t"), null)).isFalse();
    }

    @Test
    void withASecretAndNoIssuerSettingTheTokenMustNameTheGuardsOwnIssuer() {
        TokenClaimsCheck check = new TokenClaimsCheck(settings("", "", "", "a-secret-of-at-least-thirty-two-bytes!"));
        assertThat(check.validate(claims(Tokens.LOCAL_ISSUER, null, "t"), null)).isTrue();
        assertThat(check.refusal(claims("anything", null, "t"))).contains("issuer");
        assertThat(check.refusal(claims(null, null, "t"))).contains("issuer");
        // in the default mode too (local secret)
        assertThat(new TokenClaimsCheck(settings("", "", "", "")).refusal(claims("anything", null, "t"))).contains("issuer");
        // and a configured issuer is the one asked for
        TokenClaimsCheck configured = new TokenClaimsCheck(settings("", "https://ops.example", "", "a-secret-of-at-least-thirty-two-bytes!"));
        assertThat(configured.refusal(claims("https://ops.example", null, "t"))).isNull();
        assertThat(configured.refusal(claims(Tokens.LOCAL_ISSUER, null, "t"))).contains("issuer");
    }

    @Test
    void aTokenMustExpireWithinTheMaximumValidity() {
        TokenClaimsCheck check = new TokenClaimsCheck(settings("", "", "", ""));
        assertThat(check.refusal(claims(Tokens.LOCAL_ISSUER, null, "t", null))).contains("no exp");
        assertThat(check.refusal(claims(Tokens.LOCAL_ISSUER, null, "t", Instant.now().plus(Duration.ofDays(364))))).isNull();
        assertThat(check.refusal(claims(Tokens.LOCAL_ISSUER, null, "t", Instant.now().plus(Duration.ofDays(400)))))
                .contains("more than 365 days ahead");
        assertThat(check.refusal(claims(Tokens.LOCAL_ISSUER, null, "t", Instant.now().plus(Duration.ofDays(365L * 2_700_000)))))
                .contains("GUARD_JWT_MAX_VALIDITY");
        AccessSettings week = new AccessSettings(true, "", "", "", "", "./data", "tid", "guard-admin", Duration.ofDays(7), "");
        assertThat(new TokenClaimsCheck(week).refusal(claims(Tokens.LOCAL_ISSUER, null, "t", Instant.now().plus(Duration.ofDays(8)))))
                .contains("more than 7 days");
    }

    @Test
    void aTokenMustNameItsPartner() {
        TokenClaimsCheck check = new TokenClaimsCheck(settings("", "", "", ""));
        assertThat(check.refusal(claims(Tokens.LOCAL_ISSUER, null, null))).contains("no tid");
        assertThat(check.refusal(claims(Tokens.LOCAL_ISSUER, null, " "))).contains("no tid");
    }

    @Test
    void withAnOidcIssuerTheAdminRoleCountsOnlyForTheOperatorsTenants() {
        AccessSettings oidc = new AccessSettings(true, "https://keys", "iss", "aud", "", "./data", "tid", "guard-admin",
                Duration.ofDays(365), " 11111111-1111-1111-1111-111111111111 , 22222222-2222-2222-2222-222222222222");
        assertThat(oidc.adminRoleCountsFor("22222222-2222-2222-2222-222222222222")).isTrue();
        assertThat(oidc.adminRoleCountsFor("11111111-1111-1111-1111-111111111111".toUpperCase())).isTrue();
        assertThat(oidc.adminRoleCountsFor("33333333-3333-3333-3333-333333333333")).isFalse();
        assertThat(oidc.adminRoleCountsFor(null)).isFalse();
        // HS256 tokens are the operator's own: minted with its secret
        assertThat(settings("", "", "", "").adminRoleCountsFor("33333333-3333-3333-3333-333333333333")).isTrue();
    }

    @Test
    void settingsThatCannotWorkStopTheStart() {
        assertThatThrownBy(() -> settings("https://keys", "", "client-id", ""))
                .hasMessageContaining("GUARD_JWT_ISSUER and GUARD_JWT_AUDIENCE must be set");
        assertThatThrownBy(() -> settings("https://keys", "iss", "", ""))
                .hasMessageContaining("GUARD_JWT_ISSUER and GUARD_JWT_AUDIENCE must be set");
        assertThatThrownBy(() -> settings("", "", "", "too-short"))
                .hasMessageContaining("GUARD_JWT_SECRET must be at least 32 bytes");
        assertThat(settings("", "", "", "").usesLocalSecret()).isTrue();
        assertThat(new AccessSettings(false, "", "", "", "short", "./data", "tid", "guard-admin").usesLocalSecret()).isFalse();
    }
}
