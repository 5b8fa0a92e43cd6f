package com.cspguard.domain.planning;

import java.time.LocalDate;
import java.util.List;

/**
 * One dated step of a plan.
 *
 * @param date            the day of the step; for REPURCHASE the first day of its window
 * @param windowTo        REPURCHASE only: the last day of the window (data is lost after it); else null
 * @param batch           DUPLICATE and CANCEL_SOURCE: the batch number, from 1; else null
 * @param subscriptionIds the source subscriptions the step acts on, sorted
 * @param projectedCount  the tenant's counted subscriptions after the step
 */
public record PlanStep(StepType type, LocalDate date, LocalDate windowTo, Integer batch,
                       List<String> subscriptionIds, int projectedCount) {

    public PlanStep {
        subscriptionIds = List.copyOf(subscriptionIds);
    }
}
