package com.cspguard.runtime.security;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar csp-transfer-guard.jar token --partner <tid> | --admin [--days N] [--subject name]}:
 * prints a bearer token signed with GUARD_JWT_SECRET, or with the local secret of the data folder
 * (GUARD_DATA_DIR, default ./data) that the service created at its first start.
 */
public final class TokenCommand {
    private TokenCommand() { }

    /** Runs the command; returns the exit code. */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        String partner = null;
        boolean admin = false;
        long days = 30;
        String subject = null;
        try {
            for (int i = 1; i < args.length; i++) {
                switch (args[i]) {
                    case "--partner" -> partner = args[++i];
                    case "--admin" -> admin = true;
                    case "--days" -> days = Long.parseLong(args[++i]);
                    case "--subject" -> subject = args[++i];
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (partner == null && !admin) {
                throw new IllegalArgumentException("give --partner <partner tenant id> or --admin");
            }
            String secret = LocalSigningSecret.forTool(env.get("GUARD_JWT_SECRET"),
                    Path.of(env.getOrDefault("GUARD_DATA_DIR", "./data")));
            List<String> roles = new ArrayList<>();
            if (admin) {
                roles.add(env.getOrDefault("GUARD_JWT_ADMIN_ROLE", "guard-admin"));
            }
            out.println(Tokens.mint(secret, subject != null ? subject : admin ? "admin" : "partner-" + partner,
                    env.getOrDefault("GUARD_JWT_PARTNER_CLAIM", "tid"), partner, roles, Duration.ofDays(days), Instant.now()));
            return 0;
        } catch (RuntimeException e) {
            err.println("token: " + e.getMessage());
            err.println("usage: " + launcher() + " token --partner <partner tenant id> | --admin [--days 30] [--subject name]");
            return 2;
        }
    }

    /** How this program was started, for the hints in the log: the jar when run from one. */
    static String launcher() {
        try {
            Path location = Path.of(TokenCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (location.toString().endsWith(".jar")) {
                Path cwd = Path.of("").toAbsolutePath();
                Path shown = location.startsWith(cwd) ? cwd.relativize(location) : location;
                return "java -jar " + shown;
            }
        } catch (Exception ignored) {
            // fall through to the generic hint
        }
        return "java -jar target/csp-transfer-guard-<version>.jar";
    }
}
