package com.cspguard.runtime.security;

import com.cspguard.runtime.Durations;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code java -jar csp-transfer-guard.jar token --partner <tid> | --admin [--days N] [--subject name]}:
 * prints a bearer token signed with GUARD_JWT_SECRET, or with the local secret of the data folder
 * (GUARD_DATA_DIR, default ./data) that the service created at its first start. It refuses what the
 * service would refuse: a validity of no days or beyond GUARD_JWT_MAX_VALIDITY, a partner that is
 * not an Entra tenant id (a GUID).
 */
public final class TokenCommand {
    /** An Entra tenant id: a GUID. */
    static final Pattern TENANT_ID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private TokenCommand() { }

    /** The usage text, also printed by {@code --help}. */
    public static String usage() {
        return "usage: " + launcher() + " token --partner <partner tenant id (GUID)> | --admin [--days 30] [--subject name]";
    }

    /** Runs the command; returns the exit code. */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        String partner = null;
        boolean admin = false;
        long days = 30;
        String subject = null;
        try {
            for (int i = 1; i < args.length; i++) {
                switch (args[i]) {
                    case "--help", "-h" -> {
                        out.println(usage());
                        return 0;
                    }
                    case "--partner" -> partner = value(args, ++i, "--partner");
                    case "--admin" -> admin = true;
                    case "--days" -> days = days(value(args, ++i, "--days"));
                    case "--subject" -> subject = value(args, ++i, "--subject");
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (partner == null && !admin) {
                throw new IllegalArgumentException("give --partner <partner tenant id> or --admin");
            }
            if (partner != null && !TENANT_ID.matcher(partner.trim()).matches()) {
                throw new IllegalArgumentException("--partner must be the partner's Entra tenant id (a GUID), was '" + partner + "'");
            }
            Duration max = Durations.parse("GUARD_JWT_MAX_VALIDITY", env.getOrDefault("GUARD_JWT_MAX_VALIDITY", "365d"));
            if (days <= 0 || Duration.ofDays(days).compareTo(max) > 0) {
                throw new IllegalArgumentException("--days must be between 1 and " + max.toDays()
                        + " (GUARD_JWT_MAX_VALIDITY), was " + days);
            }
            String secret = LocalSigningSecret.forTool(env.get("GUARD_JWT_SECRET"),
                    Path.of(env.getOrDefault("GUARD_DATA_DIR", "./data")));
            List<String> roles = new ArrayList<>();
            if (admin) {
                roles.add(env.getOrDefault("GUARD_JWT_ADMIN_ROLE", "guard-admin"));
            }
            String issuer = env.getOrDefault("GUARD_JWT_ISSUER", "").trim();
            String tid = partner != null ? partner.trim() : Tokens.OPERATOR_TID;
            out.println(Tokens.mint(secret, issuer.isEmpty() ? Tokens.LOCAL_ISSUER : issuer.replace("{tid}", tid),
                    subject != null ? subject : admin ? "admin" : "partner-" + tid,
                    env.getOrDefault("GUARD_JWT_PARTNER_CLAIM", "tid"), tid, roles, Duration.ofDays(days), Instant.now()));
            return 0;
        } catch (RuntimeException e) {
            err.println("token: " + e.getMessage());
            err.println(usage());
            return 2;
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--") || args[i].isBlank()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static long days(String raw) {
        try {
            return Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--days must be a whole number of days, was '" + raw + "'");
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
