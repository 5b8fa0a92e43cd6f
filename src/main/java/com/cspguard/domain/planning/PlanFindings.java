package com.cspguard.domain.planning;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Collects a plan's findings so that each code appears once: a second finding of a code (the
 * evaluator's SUBSCRIPTION_NOT_TRANSFERABLE and the planner's "grace period over", say) joins the
 * first, with the subscriptions of both and both texts.
 */
final class PlanFindings {
    private final Map<String, PlanFinding> byCode = new TreeMap<>();

    void add(PlanFinding f) {
        byCode.merge(f.code(), f, PlanFindings::join);
    }

    private static PlanFinding join(PlanFinding a, PlanFinding b) {
        Set<String> ids = new TreeSet<>(a.subscriptionIds());
        ids.addAll(b.subscriptionIds());
        return new PlanFinding(a.code(), a.severity(), List.copyOf(ids), joined(a.message(), b.message()),
                joined(a.remediation(), b.remediation()));
    }

    private static String joined(String a, String b) {
        Set<String> parts = new LinkedHashSet<>();
        if (a != null) {
            parts.add(a);
        }
        if (b != null) {
            parts.add(b);
        }
        return parts.isEmpty() ? null : String.join(" ", parts);
    }

    /** Every subscription named by a finding. */
    Set<String> subscriptionIds() {
        Set<String> out = new LinkedHashSet<>();
        byCode.values().forEach(f -> out.addAll(f.subscriptionIds()));
        return out;
    }

    /** One finding per code, by code. */
    List<PlanFinding> list() {
        return new ArrayList<>(byCode.values());
    }
}
