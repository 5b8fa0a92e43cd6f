package com.cspguard.runtime;

import com.cspguard.domain.GuardPolicy;
import com.cspguard.domain.planning.PlannerSettings;
import com.cspguard.domain.planning.TransferPlanner;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;

import java.time.Duration;

/** The transfer planner from the {@code guard.planner.*} settings, failing fast on bad values. */
@Factory
public class PlannerFactory {

    @Singleton
    PlannerSettings plannerSettings(Environment env, @Property(name = "guard.planner.batch-margin") int batchMargin,
                                    @Property(name = "guard.policy.partner-transfer-max-line-items") int maxLineItems) {
        String window = env.getProperty("guard.policy.cancellation-window", String.class)
                .orElseThrow(() -> new IllegalArgumentException("missing setting guard.policy.cancellation-window"));
        return new PlannerSettings(days(env, "guard.planner.horizon"), batchMargin, days(env, "guard.planner.cancel-after"),
                maxLineItems, Durations.parse("guard.policy.cancellation-window", window));
    }

    @Singleton
    TransferPlanner transferPlanner(GuardPolicy policy, PlannerSettings settings) {
        return new TransferPlanner(policy, settings);
    }

    /** Plans are made in whole days, so these settings must be whole days (30d, P30D, 720h). */
    static int days(Environment env, String name) {
        String raw = env.getProperty(name, String.class)
                .orElseThrow(() -> new IllegalArgumentException("missing setting " + name));
        return days(name, raw);
    }

    static int days(String name, String raw) {
        Duration d = Durations.parse(name, raw);
        if (d.isNegative() || !d.equals(Duration.ofDays(d.toDays()))) {
            throw new IllegalArgumentException(name + " must be a whole number of days, was " + d);
        }
        return Math.toIntExact(d.toDays());
    }
}
