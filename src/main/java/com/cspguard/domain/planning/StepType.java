package com.cspguard.domain.planning;

/**
 * The kinds of step, in the order they are listed within one day: a cancellation first, because it
 * frees the room the next batch's duplication needs.
 */
public enum StepType { CANCEL_SOURCE, DISABLE_AUTORENEW, REPURCHASE, DUPLICATE }
