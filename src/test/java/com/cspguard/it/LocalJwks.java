package com.cspguard.it;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * An OIDC issuer's key endpoint in the test: one RSA key published as a JWKS over HTTP on a free
 * port, and tokens signed with it, shaped like Entra ID access tokens ({@code tid}, {@code roles}).
 */
final class LocalJwks implements AutoCloseable {
    static final String ISSUER = "https://login.example.test/guard-tests/v2.0";
    static final String AUDIENCE = "api://csp-transfer-guard-tests";
    /** The operator's own Entra tenant: the one GUARD_ADMIN_TENANTS names in the tests. */
    static final String OPERATOR_TENANT = "0f0f0f0f-1111-2222-3333-444444444444";

    private final RSAKey key;
    private final HttpServer server;

    LocalJwks() {
        try {
            key = new RSAKeyGenerator(2048).keyID("test-key-1").generate();
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] body = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        server.createContext("/keys", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/keys";
    }

    String partner(String tid) {
        return token(ISSUER, AUDIENCE, tid, List.of(), Instant.now().plus(Duration.ofHours(1)));
    }

    /** An admin of the operator's own tenant. */
    String admin() {
        return token(ISSUER, AUDIENCE, OPERATOR_TENANT, List.of("guard-admin"), Instant.now().plus(Duration.ofHours(1)));
    }

    /** A token with the admin role assigned in {@code tid}'s own tenant: a customer's admin, not the operator's. */
    String adminOf(String tid) {
        return token(ISSUER, AUDIENCE, tid, List.of("guard-admin"), Instant.now().plus(Duration.ofHours(1)));
    }

    /** A token of this issuer; without {@code tid} or {@code exp} claim when they are null. */
    String token(String issuer, String audience, String tid, List<String> roles, Instant expires) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(issuer).audience(audience)
                .subject("user-" + UUID.randomUUID()).claim("tid", tid)
                .issueTime(Date.from(Instant.now().minus(Duration.ofMinutes(1))))
                .expirationTime(expires == null ? null : Date.from(expires));
        if (!roles.isEmpty()) {
            claims.claim("roles", roles);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims.build());
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
