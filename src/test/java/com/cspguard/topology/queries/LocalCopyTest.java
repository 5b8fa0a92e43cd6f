package com.cspguard.topology.queries;

import com.cspguard.topology.queries.TenantQueries.LocalCopy;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which local copy of a partition answers with authority. */
class LocalCopyTest {
    private static final Runnable READABLE = () -> { };
    private static final Runnable NOT_READABLE = () -> {
        throw new InvalidStateStoreException("not here");
    };

    @Test
    void theActiveCopyHasAuthorityOnlyWhileTheClientRuns() {
        assertThat(TenantQueries.copyOf(KafkaStreams.State.RUNNING, READABLE, READABLE)).isEqualTo(LocalCopy.ACTIVE);
        // a task wiped after fencing may still be handed out as active while the client rebalances
        assertThat(TenantQueries.copyOf(KafkaStreams.State.REBALANCING, READABLE, READABLE)).isEqualTo(LocalCopy.STALE);
    }

    @Test
    void aStandbyOrRestoringCopyIsStaleAndNoCopyIsNone() {
        assertThat(TenantQueries.copyOf(KafkaStreams.State.RUNNING, NOT_READABLE, READABLE)).isEqualTo(LocalCopy.STALE);
        assertThat(TenantQueries.copyOf(KafkaStreams.State.RUNNING, NOT_READABLE, NOT_READABLE)).isEqualTo(LocalCopy.NONE);
        assertThat(TenantQueries.copyOf(KafkaStreams.State.PENDING_SHUTDOWN, READABLE, NOT_READABLE)).isEqualTo(LocalCopy.NONE);
    }
}
