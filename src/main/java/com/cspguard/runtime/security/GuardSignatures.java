package com.cspguard.runtime.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.annotation.Requires;
import io.micronaut.security.token.jwt.signature.SignatureConfiguration;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.MalformedURLException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * Checks token signatures: asymmetric tokens (RS*, PS*, ES*) against the issuer's JWKS, whose keys
 * are cached and fetched again when a token names an unknown key id (key rotation); HS256 tokens
 * against GUARD_JWT_SECRET or the local secret of the default mode. Anything else is refused.
 */
@Singleton
@Requires(property = "guard.auth.enabled", notEquals = "false")
public class GuardSignatures implements SignatureConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(GuardSignatures.class);
    private static final Set<JWSAlgorithm> ASYMMETRIC = Set.copyOf(JWSAlgorithm.Family.SIGNATURE.stream()
            .filter(a -> !JWSAlgorithm.Family.HMAC_SHA.contains(a)).toList());

    private final JWKSource<SecurityContext> jwks;
    private final MACVerifier hmac;

    public GuardSignatures(AccessSettings settings) {
        this.jwks = settings.usesJwks() ? jwkSource(settings.jwksUrl()) : null;
        String secret = settings.usesConfiguredSecret() ? settings.secret()
                : settings.usesLocalSecret() ? LocalSigningSecret.loadOrCreate(settings.dataDir()) : null;
        try {
            this.hmac = secret == null ? null : new MACVerifier(secret.getBytes(StandardCharsets.UTF_8));
        } catch (JOSEException e) {
            throw new IllegalArgumentException("the JWT secret cannot be used for HS256: " + e.getMessage(), e);
        }
    }

    private static JWKSource<SecurityContext> jwkSource(String url) {
        try {
            return JWKSourceBuilder.create(URI.create(url).toURL()).retrying(true).build();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("GUARD_JWT_JWKS_URL is not a URL: '" + url + "'", e);
        }
    }

    @Override
    public String supportedAlgorithmsMessage() {
        return (jwks != null ? "RS/PS/ES* signed by the JWKS issuer" : "")
                + (jwks != null && hmac != null ? ", " : "") + (hmac != null ? "HS256" : "");
    }

    @Override
    public boolean supports(JWSAlgorithm algorithm) {
        return (hmac != null && JWSAlgorithm.HS256.equals(algorithm)) || (jwks != null && ASYMMETRIC.contains(algorithm));
    }

    @Override
    public boolean verify(SignedJWT jwt) throws JOSEException {
        JWSAlgorithm algorithm = jwt.getHeader().getAlgorithm();
        if (JWSAlgorithm.HS256.equals(algorithm)) {
            return hmac != null && jwt.verify(hmac);
        }
        if (jwks == null || !ASYMMETRIC.contains(algorithm)) {
            return false;
        }
        List<JWK> keys;
        try {
            keys = jwks.get(new JWKSelector(JWKMatcher.forJWSHeader(jwt.getHeader())), null);
        } catch (KeySourceException e) {
            LOG.warn("cannot read the issuer's keys (JWKS): {}", e.getMessage());
            return false;
        }
        DefaultJWSVerifierFactory factory = new DefaultJWSVerifierFactory();
        for (JWK key : keys) {
            if (key instanceof AsymmetricJWK asymmetric) {
                JWSVerifier verifier = factory.createJWSVerifier(jwt.getHeader(), asymmetric.toPublicKey());
                if (jwt.verify(verifier)) {
                    return true;
                }
            }
        }
        return false;
    }
}
