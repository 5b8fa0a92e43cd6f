package com.cspguard.wire;

import com.cspguard.domain.planning.PlanFinding;
import com.cspguard.domain.planning.PlannedSubscription;
import com.cspguard.domain.planning.TransferPlan;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The plan as CSV ({@code Accept: text/csv}, docs/planner.md): one row per subscription of the
 * request, in id order, whatever became of it: planned (with its method and dates), blocked (with the
 * blocker codes) or already with the target. Written by Jackson's CSV module (RFC 4180 quoting).
 */
public final class PlanCsv {
    private PlanCsv() { }

    /** The columns, in order; the first line of the file. */
    public static final List<String> COLUMNS = List.of("subscriptionId", "outcome", "method", "commerceType",
            "offerId", "targetOfferId", "quantity", "termEndDate", "disableAutorenewOn", "transferOn",
            "repurchaseFrom", "repurchaseTo", "batch", "duplicateOn", "cancelSourceOn", "paidDaysLost",
            "licenceDaysLost", "blockers", "reason");

    private static final CsvMapper MAPPER = new CsvMapper();
    private static final CsvSchema SCHEMA = schema();

    private static CsvSchema schema() {
        CsvSchema.Builder b = CsvSchema.builder();
        COLUMNS.forEach(b::addColumn);
        return b.build().withHeader();
    }

    public static String plan(TransferPlan plan) {
        Map<String, Object[]> rows = new TreeMap<>();
        for (PlannedSubscription p : plan.subscriptions()) {
            rows.put(p.subscriptionId(), row(p.subscriptionId(), "PLANNED", p.method().name(), p.commerceType(),
                    p.offerId(), p.targetOfferId(), p.quantity(), p.termEndDate(), p.disableAutorenewOn(), p.transferOn(),
                    p.repurchaseFrom(), p.repurchaseTo(), p.batch(), p.duplicateOn(), p.cancelSourceOn(),
                    p.paidDaysLost(), p.licenceDaysLost(), null, p.reason()));
        }
        Map<String, List<String>> blockedBy = new TreeMap<>();
        for (PlanFinding f : plan.blockers()) {
            f.subscriptionIds().forEach(id -> blockedBy.computeIfAbsent(id, k -> new ArrayList<>()).add(f.code()));
        }
        blockedBy.forEach((id, codes) -> rows.put(id, row(id, "BLOCKED", null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, String.join(";", codes), null)));
        plan.alreadyWithTarget().forEach(id -> rows.put(id, row(id, "ALREADY_WITH_TARGET", null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null,
                "the target partner already holds it: nothing to move")));
        try {
            return MAPPER.writer(SCHEMA).writeValueAsString(new ArrayList<>(rows.values()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the plan as CSV", e);
        }
    }

    private static Object[] row(Object... values) {
        if (values.length != COLUMNS.size()) {
            throw new IllegalArgumentException("a row has " + COLUMNS.size() + " columns, got " + values.length);
        }
        return Arrays.stream(values).map(PlanCsv::cell).toArray();
    }

    /**
     * Dates as ISO days, numbers as they are, text guarded against spreadsheet formulas: a cell that
     * starts with = + - @ (a subscription id comes from upstream) is prefixed with a quote, so that a
     * spreadsheet shows it instead of evaluating it.
     */
    private static Object cell(Object v) {
        if (v == null || v instanceof Number) {
            return v;
        }
        String s = v.toString();
        return !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
    }
}
