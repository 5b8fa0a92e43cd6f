package com.cspguard.api;

import com.cspguard.domain.GuardPolicy;
import com.cspguard.domain.HeldSubscription;
import com.cspguard.domain.OpenTransfer;
import com.cspguard.topology.queries.TenantQueries;
import com.cspguard.wire.Json;
import com.cspguard.wire.OutputJson;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/** The JSON of the tenant answers, made from what {@link TenantQueries} returns, field for field as the contract names them. */
final class TenantJson {
    private TenantJson() { }

    /** The fields of tenant-subscription-counts plus {@code customerName} and {@code subscriptions}. */
    static ObjectNode tenant(TenantQueries.TenantState state, GuardPolicy policy) {
        ObjectNode body = OutputJson.counts(state.counts(), policy);
        // additive: the page names the customer (latest name by occurredAt), as the lists do
        body.put("customerName", state.customerName());
        ArrayNode subs = body.putArray("subscriptions");
        for (HeldSubscription s : state.subscriptions()) {
            subs.add(OutputJson.subscriptionSummary(s));
        }
        return body;
    }

    static ArrayNode timers(List<TenantQueries.PendingTimer> timers) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (TenantQueries.PendingTimer t : timers) {
            out.add(OutputJson.pendingTimer(t.timerId(), t.subscriptionId(), t.type(), t.dueAt()));
        }
        return out;
    }

    static ArrayNode transfers(List<OpenTransfer> transfers) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (OpenTransfer t : transfers) {
            out.add(OutputJson.openTransfer(t));
        }
        return out;
    }
}
