package com.cspguard.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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

    @Test
    void withoutStandbysARestartKeepsItsOwnMembersAndDropsOnlyThreadsItWillNotUse() {
        List<String> present = List.of("guard-a-1", "guard-a-2", "guard-b-1", "other");
        assertThat(PreviousRunMembers.toRemove(present, "guard-a", 1, 0)).containsExactly("guard-a-2");
    }

    @Test
    void withStandbysARestartAfterAnUncleanEndGivesUpEveryMemberSoStandbysTakeOver() {
        List<String> present = List.of("guard-a-1", "guard-a-2", "guard-b-1", "guard-ab-1");
        assertThat(PreviousRunMembers.toRemove(present, "guard-a", 1, 1)).containsExactly("guard-a-1", "guard-a-2");
    }

    @Test
    void threadNumbersComeFromTheMembersOfThisInstanceOnly() {
        assertThat(PreviousRunMembers.threadNumbers(List.of("guard-a-1", "guard-a-2", "guard-ab-1", "guard-a-x"), "guard-a"))
                .containsExactly(1, 2);
    }
}
