package com.cspguard.runtime.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * The HS256 secret of the default mode (no issuer, no GUARD_JWT_SECRET): created at the first
 * start and kept in the data folder, so tokens stay valid across restarts; readable by the owner only.
 */
public final class LocalSigningSecret {
    public static final String FILE = "jwt-secret";

    private LocalSigningSecret() { }

    /**
     * The secret in {@code dataDir/jwt-secret}, created with 32 random bytes when missing.
     * Synchronized: the signature check and the start-up announcement may ask for it at once.
     */
    public static synchronized String loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        try {
            if (Files.exists(file)) {
                String secret = Files.readString(file, StandardCharsets.UTF_8).trim();
                if (secret.getBytes(StandardCharsets.UTF_8).length < AccessSettings.MIN_SECRET_BYTES) {
                    throw new IllegalStateException(file.toAbsolutePath() + " holds a secret shorter than "
                            + AccessSettings.MIN_SECRET_BYTES + " bytes; delete it to have a new one created");
                }
                return secret;
            }
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.createDirectories(dataDir);
            writeOwnerOnly(file, secret);
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the local signing secret " + file.toAbsolutePath(), e);
        }
    }

    /** The secret for a command-line tool: GUARD_JWT_SECRET when given, else the data folder's file, which must exist. */
    public static String forTool(String configuredSecret, Path dataDir) {
        if (configuredSecret != null && !configuredSecret.isBlank()) {
            return configuredSecret;
        }
        Path file = dataDir.resolve(FILE);
        if (!Files.exists(file)) {
            throw new IllegalStateException("no GUARD_JWT_SECRET set and no " + file.toAbsolutePath()
                    + ": start the service once (it creates the secret) or set GUARD_DATA_DIR");
        }
        return loadOrCreate(dataDir);
    }

    static void writeOwnerOnly(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, content + "\n", StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(tmp, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system (Windows): the folder's permissions apply
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
