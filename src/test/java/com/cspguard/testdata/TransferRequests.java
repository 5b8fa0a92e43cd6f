package com.cspguard.testdata;

import com.cspguard.wire.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A record of the topic {@code transfer-requests} (contract.md, topics/transfer-requests.schema.json),
 * the one place tests, integration tests and the harnesses build it. By default the fields every
 * request needs: a fresh transferId, requestedAt now, method EXPIRE_AND_REPURCHASE, the target
 * partner {@link #TARGET_PARTNER} in DE, requested by a SALES_AGENT. The optional fields appear
 * only when set, so a test sends no more than it means to; fields keep the contract's order.
 */
public final class TransferRequests {
    /** The target partner of the topic samples. */
    public static final String TARGET_PARTNER = "77aa01c2-0000-4000-8000-00000000000b";

    private final String tenant;
    private String transferId = "t-" + UUID.randomUUID();
    private String requestedAt = Instant.now().toString();
    private String status;
    private String transferType;
    private String method = "EXPIRE_AND_REPURCHASE";
    private String sourcePartner;
    private String targetPartner = TARGET_PARTNER;
    private String targetCountry = "DE";
    private String requestedByUser;
    private String requestedByRole = "SALES_AGENT";
    private Boolean delegatedAdminAccess;
    private final List<String> subscriptionIds = new ArrayList<>();
    private Consumer<ObjectNode> eachLineItem = item -> { };

    private TransferRequests(String tenant) {
        this.tenant = tenant;
    }

    /** A request of the customer {@code tenant}. */
    public static TransferRequests of(String tenant) {
        return new TransferRequests(tenant);
    }

    public TransferRequests transferId(String id) {
        this.transferId = id;
        return this;
    }

    public TransferRequests requestedAt(Instant at) {
        return requestedAt(at.toString());
    }

    public TransferRequests requestedAt(String at) {
        this.requestedAt = at;
        return this;
    }

    public TransferRequests status(String status) {
        this.status = status;
        return this;
    }

    public TransferRequests transferType(String type) {
        this.transferType = type;
        return this;
    }

    /** The method; null leaves the field out. */
    public TransferRequests method(String method) {
        this.method = method;
        return this;
    }

    public TransferRequests duplicate() {
        return method("DUPLICATE");
    }

    public TransferRequests from(String sourcePartner) {
        this.sourcePartner = sourcePartner;
        return this;
    }

    public TransferRequests to(String targetPartner) {
        this.targetPartner = targetPartner;
        return this;
    }

    public TransferRequests to(String targetPartner, String countryCode) {
        this.targetCountry = countryCode;
        return to(targetPartner);
    }

    /** requestedBy with a role only. */
    public TransferRequests by(String role) {
        return by(null, role);
    }

    /** requestedBy with a user id (null: none) and a role. */
    public TransferRequests by(String userId, String role) {
        this.requestedByUser = userId;
        this.requestedByRole = role;
        return this;
    }

    public TransferRequests delegatedAdminAccess(boolean delegated) {
        this.delegatedAdminAccess = delegated;
        return this;
    }

    /** One line item per subscription id, in order (added to any before). */
    public TransferRequests lineItems(String... ids) {
        return lineItems(Arrays.asList(ids));
    }

    public TransferRequests lineItems(List<String> ids) {
        subscriptionIds.addAll(ids);
        return this;
    }

    /** {@code count} line items s0, s1, ... */
    public TransferRequests lineItems(int count) {
        for (int i = 0; i < count; i++) {
            subscriptionIds.add("s" + i);
        }
        return this;
    }

    /** What each line item holds besides its subscription id (quantity, targetOfferId). */
    public TransferRequests eachLineItem(Consumer<ObjectNode> more) {
        this.eachLineItem = more;
        return this;
    }

    public ObjectNode json() {
        ObjectNode r = Json.MAPPER.createObjectNode();
        r.put("transferId", transferId);
        r.put("requestedAt", requestedAt);
        r.put("customerTenantId", tenant);
        putIfSet(r, "status", status);
        putIfSet(r, "transferType", transferType);
        putIfSet(r, "method", method);
        putIfSet(r, "sourcePartnerTenantId", sourcePartner);
        r.put("targetPartnerTenantId", targetPartner);
        r.put("targetPartnerCountryCode", targetCountry);
        ObjectNode by = r.putObject("requestedBy");
        putIfSet(by, "userId", requestedByUser);
        by.put("role", requestedByRole);
        if (delegatedAdminAccess != null) {
            r.put("delegatedAdminAccess", delegatedAdminAccess);
        }
        ArrayNode items = r.putArray("lineItems");
        for (String id : subscriptionIds) {
            eachLineItem.accept(items.addObject().put("subscriptionId", id));
        }
        return r;
    }

    @Override
    public String toString() {
        return json().toString();
    }

    static void putIfSet(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
