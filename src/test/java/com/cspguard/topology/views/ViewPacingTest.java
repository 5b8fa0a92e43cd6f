package com.cspguard.topology.views;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How often a task builds its operations view: every interval, or less often when building it is slow. */
class ViewPacingTest {
    private static final long INTERVAL = 2_000;
    private static final long MS = 1_000_000;

    @Test
    void aQuickViewIsBuiltAtEveryPunctuationOfTheInterval() {
        ViewPacing pacing = new ViewPacing(INTERVAL);
        assertThat(pacing.due(0)).as("the first view").isTrue();
        pacing.built(0, 3 * MS, 1);
        assertThat(pacing.due(900)).isFalse();
        assertThat(pacing.due(2_000)).as("the next punctuation").isTrue();
        assertThat(pacing.spacingMillis()).isEqualTo(INTERVAL);
    }

    @Test
    void aPunctuationThatRanLateDoesNotMakeTheNextViewSkipItsTurn() {
        ViewPacing pacing = new ViewPacing(INTERVAL);
        assertThat(pacing.spacingMillis()).as("before the first view").isEqualTo(INTERVAL);
        pacing.built(2_300, 3 * MS, 1); // the punctuation due at 2,000 ran 300 ms late
        assertThat(pacing.due(4_000)).as("the next one on the grid").isTrue();
    }

    @Test
    void aSlowViewWaitsTwentyTimesAsLongAsItTook() {
        ViewPacing pacing = new ViewPacing(INTERVAL);
        pacing.built(10_000, 300 * MS, 1);
        assertThat(pacing.spacingMillis()).isEqualTo(6_000);
        assertThat(pacing.due(12_000)).isFalse();
        assertThat(pacing.due(14_000)).isFalse();
        assertThat(pacing.due(16_000)).isTrue();
        // the task shrank (or the cache warmed): back to the interval
        pacing.built(16_000, 5 * MS, 1);
        assertThat(pacing.due(18_000)).isTrue();
        assertThat(pacing.spacingMillis()).isEqualTo(INTERVAL);
    }

    @Test
    void theTasksOfTheInstanceShareTheBudget() {
        ViewPacing pacing = new ViewPacing(INTERVAL);
        pacing.built(0, 50 * MS, 6); // six tasks on the thread, each view 50 ms: 6 s apart keeps them at 5%
        assertThat(pacing.spacingMillis()).isEqualTo(6_000);
        pacing.built(6_000, 10 * MS, 6);
        assertThat(pacing.spacingMillis()).as("a short view: the interval").isEqualTo(INTERVAL);
    }

    @Test
    void aClockThatWentBackDoesNotHoldTheViewBack() {
        ViewPacing pacing = new ViewPacing(INTERVAL);
        pacing.built(100_000, 1_000 * MS, 1); // next in 20 s
        assertThat(pacing.due(110_000)).isFalse();
        assertThat(pacing.due(50_000)).as("behind the last view: the clock was set back").isTrue();
    }
}
