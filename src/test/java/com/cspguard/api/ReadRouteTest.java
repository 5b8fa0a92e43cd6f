package com.cspguard.api;

import com.cspguard.api.ReadRoute.Step;
import com.cspguard.topology.queries.TenantQueries.LocalCopy;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Where a tenant read goes while its active task is in place, and while it moves. */
class ReadRouteTest {
    private static final HostInfo SELF = new HostInfo("a", 8080);
    private static final HostInfo B = new HostInfo("b", 8080);
    private static final HostInfo C = new HostInfo("c", 8080);

    private static KeyQueryMetadata owner(HostInfo active, HostInfo... standbys) {
        return new KeyQueryMetadata(active, Set.of(standbys), 3);
    }

    @Test
    void theRunningActiveCopyHereAnswersAloneAndWithAuthority() {
        assertThat(ReadRoute.plan(owner(SELF, B), SELF, LocalCopy.ACTIVE, false)).containsExactly(Step.here(true));
        // even when the metadata has not caught up with the move yet
        assertThat(ReadRoute.plan(owner(B, SELF), SELF, LocalCopy.ACTIVE, false)).containsExactly(Step.here(true));
    }

    @Test
    void anotherInstancesActiveIsAskedFirstThenTheStandbyHere() {
        assertThat(ReadRoute.plan(owner(B, SELF), SELF, LocalCopy.STALE, false))
                .containsExactly(Step.at(B), Step.here(false));
    }

    @Test
    void withNoCopyHereTheActiveAndThenEveryStandbyAreAsked() {
        List<Step> steps = ReadRoute.plan(owner(B, C), SELF, LocalCopy.NONE, false);
        assertThat(steps).containsExactly(Step.at(B), Step.at(C));
    }

    @Test
    void anActiveStillRestoringHereComesAfterTheStandbysElsewhere() {
        // a thread in PARTITIONS_ASSIGNED or restoring: no 503 while a standby can answer
        assertThat(ReadRoute.plan(owner(SELF, B), SELF, LocalCopy.STALE, false))
                .containsExactly(Step.at(B), Step.here(false));
    }

    @Test
    void aForwardedReadIsAnsweredFromAnyCopyHereButNeverForwardedAgain() {
        assertThat(ReadRoute.plan(owner(B, SELF), SELF, LocalCopy.STALE, true)).containsExactly(Step.here(false));
        assertThat(ReadRoute.plan(owner(B, C), SELF, LocalCopy.NONE, true)).isEmpty();
        assertThat(ReadRoute.plan(owner(B, C), SELF, LocalCopy.ACTIVE, true)).containsExactly(Step.here(true));
    }

    @Test
    void anUnknownActiveHostIsSkipped() {
        assertThat(ReadRoute.plan(owner(HostInfo.unavailable(), B), SELF, LocalCopy.NONE, false)).containsExactly(Step.at(B));
    }
}
