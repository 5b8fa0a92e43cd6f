package com.cspguard.topology;

import com.cspguard.topology.views.OpsView;
import com.cspguard.topology.views.OpsViews;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The visibility index published with each task's view: who may see which tenant, as the tasks last saw it. */
class OpsViewsVisibilityTest {
    private static OpsView view(String task, OpsView.TenantRow... rows) {
        return new OpsView(task, Instant.EPOCH, Instant.EPOCH, List.of(rows), List.of(), List.of());
    }

    private static OpsView.TenantRow row(String tenant, Set<String> partners, Set<String> targets) {
        return new OpsView.TenantRow(tenant, "Contoso", 1, 149, 299, 150, 300, Map.of("active", 1), partners, targets);
    }

    @Test
    void holdersAndTargetsSeeATenantOthersDoNot() {
        OpsViews views = new OpsViews();
        views.publish(view("0_0", row("t-1", Set.of("p-a"), Set.of("p-c"))));
        views.publish(view("0_1", row("t-2", Set.of("p-b"), Set.of())));
        assertThat(views.visibleTo("t-1", "p-a")).isTrue();
        assertThat(views.visibleTo("t-1", "P-A")).as("partner ids compare without case").isTrue();
        assertThat(views.visibleTo("t-1", "p-c")).as("the target of an open transfer").isTrue();
        assertThat(views.visibleTo("t-1", "p-b")).isFalse();
        assertThat(views.visibleTo("t-2", "p-b")).isTrue();
        assertThat(views.visibleTo("unknown", "p-a")).isFalse();
    }

    @Test
    void aNewViewOfTheTaskReplacesItsIndexAndAClosedTaskTakesItAlong() {
        OpsViews views = new OpsViews();
        views.publish(view("0_0", row("t-1", Set.of("p-a", "p-b"), Set.of())));
        views.publish(view("0_0", row("t-1", Set.of("p-b"), Set.of()))); // p-a's last subscription deleted
        assertThat(views.visibleTo("t-1", "p-a")).isFalse();
        assertThat(views.visibleTo("t-1", "p-b")).isTrue();
        views.remove("0_0");
        assertThat(views.visibleTo("t-1", "p-b")).isFalse();
    }

    @Test
    void aPartnersRowShowsOnlyItsOwnId() {
        OpsView.TenantRow r = row("t-1", Set.of("p-a", "p-b"), Set.of("p-c"));
        assertThat(r.forPartner("P-A").partners()).containsExactly("p-a");
        assertThat(r.forPartner("p-a").targetPartners()).isEmpty();
        assertThat(r.forPartner("p-c").partners()).isEmpty();
        assertThat(r.forPartner("p-c").targetPartners()).containsExactly("p-c");
        assertThat(r.forPartner("p-a").countedSubscriptions()).isEqualTo(1);
    }
}
