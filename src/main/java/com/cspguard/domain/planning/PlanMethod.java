package com.cspguard.domain.planning;

/**
 * How the plan moves one subscription (contract, "The plan"). The planner's own type: a plan may
 * propose PARTNER_TRANSFER whatever the transfer requests the guard evaluates accept.
 */
public enum PlanMethod {
    /** Partner Center's native transfer of a new-commerce subscription between partners: nothing bought, nothing counted twice. */
    PARTNER_TRANSFER,
    /** The term ends by the deadline: autorenew off, the target repurchases within 30 days of the term end. */
    EXPIRE_AND_REPURCHASE,
    /** The target buys a copy, then the source is cancelled (or, new commerce past its window, expires at its term end). */
    DUPLICATE
}
