package com.cspguard.runtime;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/**
 * Starts CSP Transfer Guard. With no KAFKA_BOOTSTRAP_SERVERS it brings its own Kafka broker.
 * {@code token --partner <id> | --admin} prints a bearer token instead (see TokenCommand), {@code --help} the usage (CommandLine).
 */
@OpenAPIDefinition(info = @Info(title = "CSP Transfer Guard", version = "1",
        description = "Reads the guard's per-tenant state and dry-runs transfer requests. Every endpoint except "
                + "/health needs `Authorization: Bearer <JWT>`. A caller sees a customer tenant when its partner "
                + "(the token's `tid`) holds one of the tenant's subscriptions or is the target of an open transfer; "
                + "the `guard-admin` role sees every tenant. A tenant the caller may not see answers 404, like an unknown one."))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
        description = "A JWT from the configured OIDC issuer (Entra ID), or HS256-signed with GUARD_JWT_SECRET or the "
                + "service's local secret (see data/admin-token).")
public class Application {
    public static void main(String[] args) {
        int exit = CommandLine.run(args, System.getenv(), System.out, System.err);
        if (exit != CommandLine.START) {
            System.exit(exit);
        }
        FormatLocale.apply();
        PreviousRunRelease.beforeStart(args);
        Micronaut.build(args).mainClass(Application.class).banner(false).start();
    }
}
