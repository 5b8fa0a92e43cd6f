package com.cspguard.api;

import com.cspguard.topology.views.OpsView;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import java.util.OptionalInt;
import java.util.TreeSet;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** When a gathered list answer is whole: the views of every partition of the tenant guard, no fewer. */
class OpsGathererTest {
    private static TreeSet<Integer> of(int... partitions) {
        TreeSet<Integer> s = new TreeSet<>();
        IntStream.of(partitions).forEach(s::add);
        return s;
    }

    @Test
    void completeOnlyWithTheViewOfEveryPartition() {
        assertThat(OpsGatherer.complete(OptionalInt.of(6), of(0, 1, 2, 3, 4, 5))).isTrue();
        assertThat(OpsGatherer.complete(OptionalInt.of(6), of(0, 1, 2, 4, 5))).as("one task still restoring").isFalse();
        assertThat(OpsGatherer.complete(OptionalInt.of(6), of())).as("just restarted").isFalse();
        assertThat(OpsGatherer.complete(OptionalInt.of(1), of(0))).isTrue();
        assertThat(OpsGatherer.complete(OptionalInt.empty(), of(0, 1))).as("partitions unknown").isFalse();
    }

    @Test
    void aViewWhoseDeadlinesAreNotMadeYetIsLeftOutOfADeadlinesAnswer() {
        Instant t = Instant.parse("2026-12-06T12:00:00Z");
        OpsView made = new OpsView("0_0", t, t, List.of(), List.of(), List.of());
        OpsView remaking = new OpsView("0_1", t, null, List.of(), List.of(), List.of());
        assertThat(OpsGatherer.made(List.of(made, remaking), OpsView::deadlinesGeneratedAt)).containsExactly(made);
        assertThat(OpsGatherer.made(List.of(made, remaking), OpsView::generatedAt)).containsExactly(made, remaking);
    }

    @Test
    void aViewsPartitionIsItsTasks() {
        assertThat(OpsGatherer.partitionOf("1_3")).isEqualTo(3);
        assertThat(OpsGatherer.partitionOf("0_11")).isEqualTo(11);
    }
}
