package com.cspguard.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The default instance id survives restarts of the same instance and differs between instances. */
class StaticMembershipTest {

    @Test
    void theIdIsCreatedOnceAndKeptInTheStateFolder(@TempDir Path dir) throws Exception {
        Path state = dir.resolve("streams");
        String first = StaticMembership.persistedId(state);
        assertThat(Files.readString(state.resolve(StaticMembership.FILE)).trim()).isEqualTo(first);
        assertThat(StaticMembership.persistedId(state)).isEqualTo(first);
    }

    @Test
    void anotherStateFolderGetsAnotherId(@TempDir Path dir) {
        assertThat(StaticMembership.persistedId(dir.resolve("a"))).isNotEqualTo(StaticMembership.persistedId(dir.resolve("b")));
    }
}
