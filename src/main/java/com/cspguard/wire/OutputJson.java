package com.cspguard.wire;

import com.cspguard.domain.Evaluation;
import com.cspguard.domain.Finding;
import com.cspguard.domain.GuardPolicy;
import com.cspguard.domain.HeldSubscription;
import com.cspguard.domain.OpenTransfer;
import com.cspguard.domain.TenantCounts;
import com.cspguard.domain.TimerType;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Builds the JSON values of the output topics and HTTP answers, field for field as the contract names them. */
public final class OutputJson {
    private OutputJson() { }

    /** The counts record as a tree, for the HTTP answer; the same JSON as {@link #countsBytes}. */
    public static ObjectNode counts(TenantCounts counts, GuardPolicy policy) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(countsBytes(counts, policy));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read back JSON just written", e);
        }
    }

    /**
     * The counts record, written straight to bytes: it goes out with almost every event, so no
     * tree is built first. The one place its fields are named.
     */
    public static byte[] countsBytes(TenantCounts counts, GuardPolicy policy) {
        JsonBytes json = new JsonBytes(256).begin()
                .field("customerTenantId", counts.customerTenantId())
                .field("countedSubscriptions", counts.counted())
                .field("duplicationThreshold", policy.duplicationThreshold())
                .field("tenantMaximum", policy.tenantMaximum())
                .field("headroom", counts.headroom(policy))
                .beginObject("byStatus");
        for (Map.Entry<String, Integer> e : counts.byStatus().entrySet()) {
            json.field(e.getKey(), e.getValue());
        }
        return json.end().field("updatedAt", text(counts.updatedAt())).end().toBytes();
    }

    public static ObjectNode subscriptionSummary(HeldSubscription held) {
        var s = held.subscription();
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("id", s.id());
        n.put("offerId", s.offerId());
        if (s.offerName() != null) {
            n.put("offerName", s.offerName()); // additive: the page shows names, not ids
        }
        n.put("status", s.status().wire());
        if (s.quantity() == null) {
            n.putNull("quantity");
        } else {
            n.put("quantity", s.quantity());
        }
        n.put("autoRenewEnabled", s.autoRenewEnabled());
        n.put("commitmentEndDate", s.commitmentEndDate() == null ? null : s.commitmentEndDate().toString());
        n.put("channel", held.channel() == null ? null : held.channel().name());
        n.put("partnerTenantId", held.partnerTenantId());
        return n;
    }

    public static ObjectNode decision(int revision, Evaluation e) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("transferId", e.transferId());
        n.put("customerTenantId", e.customerTenantId());
        n.put("revision", revision);
        n.put("decision", e.decision().name());
        n.put("evaluatedAt", text(e.evaluatedAt()));
        n.put("countedSubscriptions", e.countedSubscriptions());
        n.put("duplicatedSubscriptions", e.duplicatedSubscriptions());
        n.put("projectedSubscriptions", e.projectedSubscriptions());
        n.put("tenantMaximum", e.tenantMaximum());
        n.put("duplicationThreshold", e.duplicationThreshold());
        n.put("otherOpenDuplications", e.otherOpenDuplications());
        e.competingTransferIds().forEach(n.putArray("competingTransferIds")::add);
        findings(n.putArray("findings"), e.findings());
        return n;
    }

    /** Findings as the decisions carry them; the plan's blockers and warnings use the same shape. */
    static void findings(ArrayNode out, List<Finding> findings) {
        for (Finding f : findings) {
            ObjectNode fn = out.addObject();
            fn.put("code", f.code().name());
            fn.put("severity", f.severity().name());
            strings(fn.putArray("subscriptionIds"), f.subscriptionIds());
            fn.put("message", f.message());
            fn.put("remediation", f.remediation());
        }
    }

    public static ObjectNode alert(String alertId, String tenantId, String transferId, Finding f, Instant raisedAt) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("alertId", alertId);
        n.put("customerTenantId", tenantId);
        if (transferId == null) {
            n.putNull("transferId");
        } else {
            n.put("transferId", transferId);
        }
        strings(n.putArray("subscriptionIds"), f.subscriptionIds());
        n.put("code", f.code().name());
        n.put("severity", f.severity().name());
        n.put("raisedAt", text(raisedAt));
        n.put("message", f.message());
        n.put("remediation", f.remediation());
        return n;
    }

    /** The fired timer record, written straight to bytes (a quarter of a record per event). The one place its fields are named. */
    public static byte[] timerBytes(String timerId, String tenantId, HeldSubscription held, TimerType type,
                                    Instant dueAt, Instant firedAt) {
        var s = held.subscription();
        return new JsonBytes(320).begin()
                .field("timerId", timerId)
                .field("customerTenantId", tenantId)
                .field("subscriptionId", s.id())
                .field("offerId", s.offerId())
                .field("timerType", type.name())
                .field("dueAt", text(dueAt))
                .field("firedAt", text(firedAt))
                .field("commitmentEndDate", s.commitmentEndDate() == null ? text(s.termEnd()) : s.commitmentEndDate().toString())
                .field("status", s.status().wire())
                .end().toBytes();
    }

    public static ObjectNode pendingTimer(String timerId, String subscriptionId, TimerType type, Instant dueAt) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("timerId", timerId);
        n.put("subscriptionId", subscriptionId);
        n.put("timerType", type.name());
        n.put("dueAt", text(dueAt));
        return n;
    }

    /**
     * An open transfer as {@code GET /tenants/{id}/transfers} shows it: the request's essentials,
     * its last decision as on {@code transfer-decisions}, and the decisions emitted before, oldest first.
     */
    public static ObjectNode openTransfer(OpenTransfer open) {
        var r = open.request();
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("transferId", r.transferId());
        n.put("method", r.method() == null ? null : r.method().name());
        n.put("transferType", r.transferType() == null ? null : r.transferType().name());
        n.put("targetPartnerTenantId", r.targetPartnerTenantId());
        n.put("requestedAt", text(r.requestedAt()));
        n.put("expiresAt", text(open.expiresAt()));
        if (open.last() == null) {
            n.putNull("lastDecision");
        } else {
            n.set("lastDecision", decision(open.revision(), open.last()));
        }
        ArrayNode history = n.putArray("history");
        for (OpenTransfer.PastDecision d : open.history()) {
            ObjectNode h = history.addObject();
            h.put("revision", d.revision());
            h.put("decision", d.decision().name());
            h.put("evaluatedAt", text(d.evaluatedAt()));
            ArrayNode codes = h.putArray("findings");
            d.findings().forEach(c -> codes.add(c.name()));
        }
        return n;
    }

    public static byte[] bytes(Object node) {
        try {
            return Json.MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    private static String text(Instant instant) {
        return instant == null ? null : IsoInstants.format(instant);
    }
}
