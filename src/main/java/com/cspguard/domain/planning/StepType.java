package com.cspguard.domain.planning;

/**
 * The kinds of step, in the order they are listed within one day: a cancellation first, because it
 * frees the room the next batch's duplication needs; a partner transfer before anything is bought.
 */
public enum StepType { CANCEL_SOURCE, DISABLE_AUTORENEW, PARTNER_TRANSFER, REPURCHASE, DUPLICATE }
