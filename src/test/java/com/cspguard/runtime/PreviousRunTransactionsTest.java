package com.cspguard.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The killed run's transactional ids are Kafka Streams' own, from the process id it keeps on disk. */
class PreviousRunTransactionsTest {

    @Test
    void idsAreApplicationProcessAndThreadNumber(@TempDir Path state) throws Exception {
        Files.createDirectories(state.resolve("guard"));
        Files.writeString(state.resolve("guard").resolve(PreviousRunTransactions.PROCESS_FILE),
                "{\"processId\":\"ebdd6103-8023-4481-9256-2f01ab108b02\"}");
        assertThat(PreviousRunTransactions.transactionalIds(state, "guard", List.of(1, 3))).containsExactly(
                "guard-ebdd6103-8023-4481-9256-2f01ab108b02-1", "guard-ebdd6103-8023-4481-9256-2f01ab108b02-3");
    }

    @Test
    void withoutAProcessIdOnDiskThereIsNothingToEnd(@TempDir Path state) {
        assertThat(PreviousRunTransactions.transactionalIds(state, "guard", List.of(1))).isEmpty();
    }
}
