package com.cspguard.topology;

import java.time.Instant;

/** Value of the awaiting-repurchase index: what a repurchase must match. */
public record AwaitingRepurchase(String subscriptionId, String offerId, Instant termEnd) { }
