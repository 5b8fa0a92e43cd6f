package com.cspguard.domain.planning;

/**
 * Who carries out a step (contract, "The plan"). A subscription bought outside a partner (DIRECT, EA,
 * other) belongs to the customer: turning its autorenew off or cancelling it is the customer's job.
 */
public enum StepActor { SOURCE_PARTNER, TARGET_PARTNER, CUSTOMER }
