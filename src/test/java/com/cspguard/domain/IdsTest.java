package com.cspguard.domain;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The same cause always gives the same id; a different cause a different one. */
class IdsTest {

    @Test
    void alertIdsAreDeterministicUuids() {
        String a = Ids.alertId("tenant", "t-1", AlertCode.AUTORENEW_ENABLED, List.of("s1", "s2"));

        assertThat(Ids.alertId("tenant", "t-1", AlertCode.AUTORENEW_ENABLED, List.of("s1", "s2"))).isEqualTo(a);
        assertThat(UUID.fromString(a).toString()).isEqualTo(a);
    }

    @Test
    void everyPartOfTheCauseChangesTheAlertId() {
        String a = Ids.alertId("tenant", "t-1", AlertCode.AUTORENEW_ENABLED, List.of("s1", "s2"));

        assertThat(List.of(
                Ids.alertId("tenant2", "t-1", AlertCode.AUTORENEW_ENABLED, List.of("s1", "s2")),
                Ids.alertId("tenant", "t-2", AlertCode.AUTORENEW_ENABLED, List.of("s1", "s2")),
                Ids.alertId("tenant", "t-1", AlertCode.OFFER_DISCONTINUED, List.of("s1", "s2")),
                Ids.alertId("tenant", "t-1", AlertCode.AUTORENEW_ENABLED, List.of("s1")),
                Ids.alertId("tenant", "t-1", AlertCode.AUTORENEW_ENABLED, List.of("s2", "s1"))))
                .doesNotContain(a)
                .doesNotHaveDuplicates();
    }

    @Test
    void thresholdAlertsDifferPerCrossing() {
        assertThat(Ids.thresholdAlertId("tenant", "e-1")).isEqualTo(Ids.thresholdAlertId("tenant", "e-1"))
                .isNotEqualTo(Ids.thresholdAlertId("tenant", "e-2"))
                .isNotEqualTo(Ids.thresholdAlertId("other", "e-1"));
    }

    @Test
    void timerIdsDependOnSubscriptionTypeAndDueTime() {
        String t = Ids.timerId("tenant", "s1", "TERM_ENDED", 1000L);

        assertThat(Ids.timerId("tenant", "s1", "TERM_ENDED", 1000L)).isEqualTo(t);
        assertThat(List.of(Ids.timerId("tenant", "s2", "TERM_ENDED", 1000L),
                Ids.timerId("tenant", "s1", "TERM_ENDING", 1000L),
                Ids.timerId("tenant", "s1", "TERM_ENDED", 1001L))).doesNotContain(t).doesNotHaveDuplicates();
    }
}
