package com.cspguard.runtime.security;

import io.micronaut.security.token.Claims;
import org.junit.jupiter.api.Test;

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
        Map<String, Object> m = new HashMap<>();
        m.put("iss", iss);
        m.put("aud", aud);
        m.put("tid", tid);
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
    void withoutIssuerAndAudienceSettingsOnlyTheSignatureCounts() {
        TokenClaimsCheck check = new TokenClaimsCheck(settings("", "", "", "a-secret-of-at-least-thirty-two-bytes!"));
        assertThat(check.validate(claims("anything", null, null), null)).isTrue();
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
