package com.cspguard.domain.planning;

import java.time.LocalDate;
import java.util.List;

/**
 * One dated step of a plan.
 *
 * @param actor                 who carries it out (contract: SOURCE_PARTNER, TARGET_PARTNER or CUSTOMER)
 * @param sourcePartnerTenantId the partner that holds the step's sources, for the steps on the source side
 *                              and PARTNER_TRANSFER (one transfer is between two partners); null otherwise
 *                              and for sources no partner holds
 * @param date                  the day of the step; for REPURCHASE the first day of its window
 * @param windowTo              REPURCHASE only: the last day of the window (data is lost after it); else null
 * @param batch                 DUPLICATE and CANCEL_SOURCE: the batch number; PARTNER_TRANSFER: the
 *                              transfer's number; from 1; else null
 * @param subscriptionIds       the source subscriptions the step acts on, sorted
 * @param projectedCount        the customer tenant's counted subscriptions after the step
 * @param targetProjectedCount  TENANT_TO_TENANT only: the target tenant's count after the step
 *                              (the copies live there); null otherwise
 */
public record PlanStep(StepType type, StepActor actor, String sourcePartnerTenantId, LocalDate date,
                       LocalDate windowTo, Integer batch, List<String> subscriptionIds, int projectedCount,
                       Integer targetProjectedCount) {

    public PlanStep {
        subscriptionIds = List.copyOf(subscriptionIds);
    }
}
