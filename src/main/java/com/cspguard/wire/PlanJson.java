package com.cspguard.wire;

import com.cspguard.domain.planning.PlanFinding;
import com.cspguard.domain.planning.PlanMethod;
import com.cspguard.domain.planning.PlanStep;
import com.cspguard.domain.planning.PlannedSubscription;
import com.cspguard.domain.planning.StepType;
import com.cspguard.domain.planning.TransferPlan;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.LocalDate;
import java.util.List;

/**
 * The answer of {@code POST /transfers/plan} (docs/planner.md). Every field is always written,
 * null where it does not apply, so that clients see one shape.
 */
public final class PlanJson {
    private PlanJson() { }

    public static ObjectNode plan(TransferPlan plan) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("customerTenantId", plan.customerTenantId());
        n.put("targetPartnerTenantId", plan.targetPartnerTenantId());
        n.put("startDate", text(plan.startDate()));
        n.put("deadline", text(plan.deadline()));
        n.put("countedSubscriptions", plan.countedSubscriptions());
        n.put("targetCountedSubscriptions", plan.targetCountedSubscriptions());
        n.put("tenantMaximum", plan.tenantMaximum());
        n.put("batchMargin", plan.batchMargin());
        n.put("batchCapacity", plan.batchCapacity());
        ArrayNode steps = n.putArray("steps");
        plan.steps().forEach(s -> step(steps.addObject(), s));
        ArrayNode subs = n.putArray("subscriptions");
        plan.subscriptions().forEach(p -> subscription(subs.addObject(), p));
        plan.alreadyWithTarget().forEach(n.putArray("alreadyWithTarget")::add);
        n.set("totals", totals(plan.totals()));
        findings(n.putArray("blockers"), plan.blockers());
        findings(n.putArray("warnings"), plan.warnings());
        return n;
    }

    /** The answer's {@code totals} field. */
    public static ObjectNode totals(TransferPlan.Totals t) {
        ObjectNode totals = Json.MAPPER.createObjectNode();
        totals.put("peakProjectedCount", t.peakProjectedCount());
        ObjectNode byMethod = totals.putObject("byMethod");
        for (PlanMethod m : PlanMethod.values()) {
            byMethod.put(m.name(), t.byMethod().getOrDefault(m, 0));
        }
        totals.put("blocked", t.blocked());
        totals.put("batches", t.batches());
        totals.put("partnerTransfers", t.partnerTransfers());
        totals.put("licenceDaysLost", t.licenceDaysLost());
        totals.put("lossUnknown", t.lossUnknown());
        totals.put("earliestDataLossDeadline", text(t.earliestDataLossDeadline()));
        return totals;
    }

    private static void step(ObjectNode n, PlanStep s) {
        n.put("type", s.type().name());
        n.put("actor", s.actor().name());
        n.put("sourcePartnerTenantId", s.sourcePartnerTenantId());
        n.put("date", text(s.date()));
        boolean window = s.type() == StepType.REPURCHASE;
        n.put("windowFrom", window ? text(s.date()) : null);
        n.put("windowTo", text(s.windowTo()));
        n.put("batch", s.batch());
        s.subscriptionIds().forEach(n.putArray("subscriptionIds")::add);
        n.put("projectedCount", s.projectedCount());
        n.put("targetProjectedCount", s.targetProjectedCount());
    }

    private static void subscription(ObjectNode n, PlannedSubscription p) {
        n.put("subscriptionId", p.subscriptionId());
        n.put("offerId", p.offerId());
        n.put("targetOfferId", p.targetOfferId());
        n.put("commerceType", p.commerceType());
        n.put("quantity", p.quantity());
        n.put("termEndDate", text(p.termEndDate()));
        n.put("method", p.method().name());
        n.put("disableAutorenewOn", text(p.disableAutorenewOn()));
        n.put("repurchaseFrom", text(p.repurchaseFrom()));
        n.put("repurchaseTo", text(p.repurchaseTo()));
        n.put("batch", p.batch());
        n.put("transferOn", text(p.transferOn()));
        n.put("duplicateOn", text(p.duplicateOn()));
        n.put("cancelSourceOn", text(p.cancelSourceOn()));
        n.put("paidDaysLost", p.paidDaysLost());
        n.put("licenceDaysLost", p.licenceDaysLost());
        n.put("reason", p.reason());
    }

    private static void findings(ArrayNode out, List<PlanFinding> findings) {
        for (PlanFinding f : findings) {
            ObjectNode fn = out.addObject();
            fn.put("code", f.code());
            fn.put("severity", f.severity().name());
            f.subscriptionIds().forEach(fn.putArray("subscriptionIds")::add);
            fn.put("message", f.message());
            fn.put("remediation", f.remediation());
        }
    }

    static String text(LocalDate date) {
        return date == null ? null : date.toString();
    }
}
