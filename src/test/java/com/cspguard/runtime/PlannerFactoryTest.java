package com.cspguard.runtime;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlannerFactoryTest {

    @Test
    void plannerDurationsAreWholeDays() {
        assertThat(PlannerFactory.days("guard.planner.horizon", "1095d")).isEqualTo(1095);
        assertThat(PlannerFactory.days("guard.planner.horizon", "P30D")).isEqualTo(30);
        assertThat(PlannerFactory.days("guard.planner.cancel-after", "48h")).isEqualTo(2);
        assertThatThrownBy(() -> PlannerFactory.days("guard.planner.cancel-after", "36h"))
                .hasMessageContaining("guard.planner.cancel-after must be a whole number of days");
        assertThatThrownBy(() -> PlannerFactory.days("guard.planner.horizon", "soon"))
                .hasMessageContaining("guard.planner.horizon");
    }
}
