package com.cspguard.api;

import com.cspguard.topology.views.OpsView;
import com.cspguard.topology.views.OpsViews;
import io.micronaut.http.HttpRequest;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

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

    /**
     * The answer itself, from this instance's views alone (a local-only call asks no other instance):
     * a task whose deadlines are still being remade is neither in a deadlines answer's rows nor among
     * its partitions, so the answer is not complete; the tenants answer has both.
     */
    @Test
    void gatherLeavesOutTheViewsWhosePartIsNotMadeYet() {
        Instant t = Instant.parse("2026-12-06T12:00:00Z");
        OpsViews views = new OpsViews();
        views.publish(new OpsView("1_0", t, t, List.of(), List.of(), List.of()));
        views.publish(new OpsView("1_1", t.plusSeconds(5), null, List.of(), List.of(), List.of()));
        OpsGatherer gatherer = new OpsGatherer(null, views, new HostInfo("127.0.0.1", 1), () -> OptionalInt.of(2), null);
        HttpRequest<?> localOnly = HttpRequest.GET("/deadlines").header(OpsGatherer.LOCAL_ONLY, "127.0.0.1:2");
        Function<List<OpsView>, List<String>> taskIds = vs -> vs.stream().map(OpsView::taskId).toList();

        OpsGatherer.Answer<String> deadlines = gatherer.gather(localOnly, String.class, OpsView::deadlinesGeneratedAt,
                taskIds, Function.identity(), Comparator.naturalOrder(), 10);
        assertThat(deadlines.items()).containsExactly("1_0");
        assertThat(deadlines.partitionsIncluded()).containsExactly(0);
        assertThat(deadlines.complete()).isFalse();
        assertThat(deadlines.partitions()).isEqualTo(2);
        assertThat(deadlines.instances()).isEqualTo(1);
        assertThat(deadlines.generatedAt()).isEqualTo(t);

        OpsGatherer.Answer<String> tenants = gatherer.gather(localOnly, String.class, taskIds, Function.identity(),
                Comparator.naturalOrder(), 1);
        assertThat(tenants.items()).as("cut to the limit").containsExactly("1_0");
        assertThat(tenants.partitionsIncluded()).containsExactly(0, 1);
        assertThat(tenants.complete()).isTrue();
        assertThat(tenants.generatedAt()).as("the oldest view's").isEqualTo(t);
    }

    @Test
    void aViewsPartitionIsItsTasks() {
        assertThat(OpsGatherer.partitionOf("1_3")).isEqualTo(3);
        assertThat(OpsGatherer.partitionOf("0_11")).isEqualTo(11);
    }
}
