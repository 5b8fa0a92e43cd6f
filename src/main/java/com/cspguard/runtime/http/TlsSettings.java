package com.cspguard.runtime.http;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * HTTPS for the API and for the calls between instances ({@code guard.tls.*}): with
 * {@code GUARD_TLS_ENABLED=true}, the server answers HTTPS only, with the PEM certificate chain
 * {@code GUARD_TLS_CERTIFICATE} and its PKCS#8 key {@code GUARD_TLS_KEY}, and forwards to the other
 * instances over HTTPS, trusting the certificates of {@code GUARD_TLS_TRUST} (PEM; by default the
 * instance's own certificate file, enough when every instance has the same certificate or the file
 * holds the CA). A certificate without the switch, or the switch without certificate and key, stops
 * the start: the API must never fall back to plain HTTP unnoticed.
 */
@Singleton
public class TlsSettings {
    private final boolean enabled;
    private final Path certificate;
    private final Path key;
    private final Path trust;

    public TlsSettings(@Value("${guard.tls.enabled:false}") boolean enabled,
                       @Value("${guard.tls.certificate:}") String certificate,
                       @Value("${guard.tls.key:}") String key,
                       @Value("${guard.tls.trust:}") String trust) {
        this.enabled = enabled;
        this.certificate = certificate.isBlank() ? null : Path.of(certificate.trim());
        this.key = key.isBlank() ? null : Path.of(key.trim());
        this.trust = trust.isBlank() ? this.certificate : Path.of(trust.trim());
        if (!enabled && (this.certificate != null || this.key != null)) {
            throw new IllegalArgumentException("GUARD_TLS_CERTIFICATE or GUARD_TLS_KEY is set but GUARD_TLS_ENABLED is not true: "
                    + "set GUARD_TLS_ENABLED=true to serve HTTPS, or remove them");
        }
        if (enabled) {
            for (Path p : new Path[]{this.certificate, this.key, this.trust}) {
                if (p == null || !Files.isReadable(p)) {
                    throw new IllegalArgumentException("GUARD_TLS_ENABLED=true needs a readable PEM certificate (GUARD_TLS_CERTIFICATE) "
                            + "and key (GUARD_TLS_KEY): cannot read " + (p == null ? "an unset path" : p.toAbsolutePath()));
                }
            }
        }
    }

    public boolean enabled() {
        return enabled;
    }

    /** {@code https} or {@code http}: how instances call each other. */
    public String scheme() {
        return enabled ? "https" : "http";
    }

    /** The TLS context of the calls between instances, trusting {@code GUARD_TLS_TRUST}; null without TLS. */
    public SSLContext clientContext() {
        if (!enabled) {
            return null;
        }
        try (InputStream in = Files.newInputStream(trust)) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate c : certs) {
                store.setCertificateEntry("trusted-" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the trusted certificates of GUARD_TLS_TRUST " + trust + ": " + e.getMessage(), e);
        }
    }
}
