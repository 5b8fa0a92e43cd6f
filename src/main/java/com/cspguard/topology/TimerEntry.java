package com.cspguard.topology;

import java.time.Instant;

/**
 * Value of the timer store.
 *
 * @param ownerId  subscription id, or transfer id for the transfer expiry timer
 * @param termEnd  the end of term a subscription timer was scheduled for (null for transfers)
 */
public record TimerEntry(String tenantId, String ownerId, String kind, long dueAtMillis, Instant termEnd) { }
