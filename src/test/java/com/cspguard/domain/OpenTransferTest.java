package com.cspguard.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** An open transfer remembers the decisions emitted for it, the last twenty, oldest first. */
class OpenTransferTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private static Evaluation evaluation(Decision decision, Instant at, AlertCode... codes) {
        List<Finding> findings = java.util.Arrays.stream(codes).map(c -> Finding.of(c, List.of(), "m", "r")).toList();
        return new Evaluation("t-1", "tenant", decision, at, 0, 0, 0, 300, 150, findings);
    }

    @Test
    void eachDecisionJoinsTheHistoryWithItsRevisionOutcomeAndFindingCodes() {
        TransferRequest request = DomainFixtures.request().build();
        OpenTransfer open = new OpenTransfer(request, 0, null, Set.of(), T0.plusSeconds(3600));
        open = open.next(request, evaluation(Decision.BLOCKED, T0, AlertCode.AUTORENEW_ENABLED), List.of("a1"));
        open = open.next(request, evaluation(Decision.ALLOWED, T0.plusSeconds(60)), List.of());
        assertThat(open.history()).containsExactly(
                new OpenTransfer.PastDecision(1, Decision.BLOCKED, T0, List.of(AlertCode.AUTORENEW_ENABLED)),
                new OpenTransfer.PastDecision(2, Decision.ALLOWED, T0.plusSeconds(60), List.of()));
        assertThat(open.withRequest(request).history()).isEqualTo(open.history());
    }

    @Test
    void onlyTheLastTwentyDecisionsAreKept() {
        TransferRequest request = DomainFixtures.request().build();
        OpenTransfer open = new OpenTransfer(request, 0, null, Set.of(), T0);
        for (int i = 0; i < 25; i++) {
            open = open.next(request, evaluation(i % 2 == 0 ? Decision.BLOCKED : Decision.ALLOWED, T0.plusSeconds(i)), List.of());
        }
        assertThat(open.history()).hasSize(OpenTransfer.HISTORY_KEPT);
        assertThat(open.history().get(0).revision()).isEqualTo(6);
        assertThat(open.history().get(19).revision()).isEqualTo(25);
    }
}
