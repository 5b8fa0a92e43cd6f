package com.cspguard.topology.facts;

import java.time.Instant;

/**
 * A tenant-level value that subscription events report along the way (country, customer name):
 * the one reported last by {@code occurredAt} wins, and at the same moment the greater value, so
 * that the result does not depend on the order events arrive in and a rebuild chooses the same.
 */
public record LatestReport(String value, Instant at) {
    public static final LatestReport NONE = new LatestReport(null, null);

    /** This report, or {@code reported} at {@code reportedAt} when that one is later. */
    public LatestReport merge(String reported, Instant reportedAt) {
        if (reported == null) {
            return this;
        }
        if (at == null || reportedAt.isAfter(at)
                || (reportedAt.equals(at) && reported.compareTo(value) > 0)) {
            return new LatestReport(reported, reportedAt);
        }
        return this;
    }
}
