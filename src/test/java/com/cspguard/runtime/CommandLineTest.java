package com.cspguard.runtime;

import com.cspguard.runtime.security.TokenCommand;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line: --help, unknown arguments, and the checks of the token command. */
class CommandLineTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    @TempDir
    Path data;

    private int run(String... args) {
        return CommandLine.run(args, Map.of("GUARD_DATA_DIR", data.toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpPrintsTheUsageAndExitsZeroWithoutStarting() {
        assertThat(run("--help")).isZero();
        assertThat(out()).contains("usage:").contains("token --partner").contains("--help");
        assertThat(run("-h")).isZero();
        assertThat(run("token", "--help")).isZero();
    }

    @Test
    void unknownArgumentsExitTwoWithAClearMessage() {
        assertThat(run("--bogus")).isEqualTo(2);
        assertThat(err()).contains("unknown argument '--bogus'").contains("usage:");
        assertThat(run("start")).isEqualTo(2);
        assertThat(run("token", "--frobnicate")).isEqualTo(2);
        assertThat(err()).contains("unknown option --frobnicate");
    }

    @Test
    void settingsAndNoArgumentsStartTheService() {
        assertThat(run()).isEqualTo(CommandLine.START);
        assertThat(run("--micronaut.server.port=8081")).isEqualTo(CommandLine.START);
    }

    @Test
    void tokenRefusesDaysOutsideOneToTheMaximum() {
        String partner = UUID.randomUUID().toString();
        for (String days : new String[]{"0", "-5", "366", "ten"}) {
            assertThat(run("token", "--partner", partner, "--days", days)).as("--days %s", days).isEqualTo(2);
        }
        assertThat(err()).contains("--days must be between 1 and 365").contains("whole number");
        assertThat(out()).isEmpty();
    }

    @Test
    void tokenRefusesAMissingOrEmptyOrNonGuidPartner() {
        assertThat(run("token", "--partner")).isEqualTo(2);
        assertThat(err()).contains("--partner needs a value");
        assertThat(run("token", "--partner", "")).isEqualTo(2);
        assertThat(run("token", "--partner", "contoso")).isEqualTo(2);
        assertThat(err()).contains("GUID");
        assertThat(run("token", "--partner", "--days", "3")).isEqualTo(2);
        assertThat(out()).isEmpty();
    }

    @Test
    void aValidTokenCarriesExpTidAndTheLocalIssuer() throws Exception {
        com.cspguard.runtime.security.LocalSigningSecret.loadOrCreate(data); // as the service's first start does
        String partner = UUID.randomUUID().toString();
        assertThat(run("token", "--partner", partner, "--days", "2")).isZero();
        var claims = SignedJWT.parse(out().trim()).getJWTClaimsSet();
        assertThat(claims.getStringClaim("tid")).isEqualTo(partner);
        assertThat(claims.getIssuer()).isEqualTo("csp-transfer-guard");
        assertThat(claims.getExpirationTime().toInstant()).isBetween(Instant.now().plus(Duration.ofDays(2)).minusSeconds(60),
                Instant.now().plus(Duration.ofDays(2)).plusSeconds(60));
        out.reset();
        assertThat(run("token", "--admin")).isZero();
        assertThat(SignedJWT.parse(out().trim()).getJWTClaimsSet().getStringClaim("tid")).isNotBlank();
        assertThat(TokenCommand.usage()).contains("--partner");
    }
}
