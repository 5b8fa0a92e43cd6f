package com.cspguard.runtime.security;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Says at every start how callers authenticate. In the default mode (no issuer, no secret) it
 * writes a fresh admin token to {@code data/admin-token} and logs it with the commands to call the
 * API and to make a partner's token, as notebook servers print their login token. With
 * authentication switched off it warns, every time.
 */
@Singleton
public class AccessAnnouncement implements ApplicationEventListener<ServerStartupEvent> {
    public static final String ADMIN_TOKEN_FILE = "admin-token";
    private static final Logger LOG = LoggerFactory.getLogger(AccessAnnouncement.class);

    private final AccessSettings settings;
    private final Duration adminTokenValidity;

    public AccessAnnouncement(AccessSettings settings,
                              @Value("${guard.auth.admin-token-validity:365d}") String adminTokenValidity) {
        this.settings = settings;
        this.adminTokenValidity = com.cspguard.runtime.Durations.parse("guard.auth.admin-token-validity", adminTokenValidity);
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        int port = event.getSource().getPort();
        if (!settings.enabled()) {
            LOG.warn("AUTHENTICATION IS OFF (GUARD_AUTH_ENABLED=false): anyone who reaches port {} reads every tenant. "
                    + "Use this only behind a gateway that authenticates callers.", port);
        } else if (settings.usesJwks()) {
            LOG.info("bearer tokens are checked against {} (issuer {}, audience {}); partner claim '{}', admin role '{}'",
                    settings.jwksUrl(), settings.issuer(), settings.audiences(), settings.partnerClaim(), settings.adminRole());
        } else if (settings.usesConfiguredSecret()) {
            LOG.info("bearer tokens are HS256 tokens signed with GUARD_JWT_SECRET; partner claim '{}', admin role '{}'",
                    settings.partnerClaim(), settings.adminRole());
        } else {
            announceLocalAdminToken(port);
        }
    }

    private void announceLocalAdminToken(int port) {
        Path dir = settings.dataDir();
        String token = Tokens.mint(LocalSigningSecret.loadOrCreate(dir), "local-admin", settings.partnerClaim(), Tokens.OPERATOR_TID,
                List.of(settings.adminRole()), adminTokenValidity, Clock.systemUTC().instant());
        Path file = dir.resolve(ADMIN_TOKEN_FILE);
        try {
            Files.createDirectories(dir);
            LocalSigningSecret.writeOwnerOnly(file, token);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the admin token to " + file.toAbsolutePath(), e);
        }
        LOG.info("""
                no GUARD_JWT_JWKS_URL or GUARD_JWT_SECRET set: tokens are signed with the local secret in {}.
                Admin token (sees every tenant; valid for {} days, also in {}):

                    {}

                Call the API:      curl -H "Authorization: Bearer $(cat {})" http://localhost:{}/tenants/<customer tenant id>
                A partner's token: {} token --partner <partner tenant id>   (sees only that partner's customers)""",
                dir.resolve(LocalSigningSecret.FILE).toAbsolutePath().normalize(), adminTokenValidity.toDays(),
                file.toAbsolutePath().normalize(),
                token, file, port, TokenCommand.launcher());
    }
}
