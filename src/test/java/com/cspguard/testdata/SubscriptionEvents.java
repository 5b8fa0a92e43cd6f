package com.cspguard.testdata;

import com.cspguard.wire.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.UUID;

import static com.cspguard.testdata.TransferRequests.putIfSet;

/**
 * A record of the topic {@code subscription-events} (contract.md, topics/subscription-events.schema.json),
 * the one place tests build it. By default a fresh eventId, occurredAt now, a DE customer through
 * CSP, and a subscription of {@link #OFFER} with quantity 10, autorenew on and its term ending
 * 2027-06-30. The optional fields appear only when set; fields keep the contract's order.
 */
public final class SubscriptionEvents {
    /** Microsoft 365 Business Basic, the offer of the topic samples. */
    public static final String OFFER = "CFQ7TTC0LH18:0001";

    private final String tenant;
    private final String subscriptionId;
    private String eventId = UUID.randomUUID().toString();
    private String occurredAt = Instant.now().toString();
    private String countryCode = "DE";
    private String channel = "CSP";
    private String partner;
    private String offerId = OFFER;
    private String offerName;
    private int quantity = 10;
    private String status = "active";
    private boolean autoRenew = true;
    private String effectiveStartDate;
    private String commitmentEndDate = "2027-06-30";
    private String commitmentEndDateTime;
    private String termDuration;
    private String billingCycle;
    private Boolean trial;
    private String refundableUntil;

    private SubscriptionEvents(String tenant, String subscriptionId) {
        this.tenant = tenant;
        this.subscriptionId = subscriptionId;
    }

    /** An event about the subscription {@code subscriptionId} of the customer {@code tenant}. */
    public static SubscriptionEvents of(String tenant, String subscriptionId) {
        return new SubscriptionEvents(tenant, subscriptionId);
    }

    /** The short form the integration tests use most: the defaults with {@code status} at {@code at}. */
    public static ObjectNode event(String tenant, String subscriptionId, String status, Instant at) {
        return of(tenant, subscriptionId).status(status).occurredAt(at).json();
    }

    public SubscriptionEvents eventId(String id) {
        this.eventId = id;
        return this;
    }

    public SubscriptionEvents occurredAt(Instant at) {
        this.occurredAt = at.toString();
        return this;
    }

    /** The customer's country; null leaves it out. */
    public SubscriptionEvents country(String code) {
        this.countryCode = code;
        return this;
    }

    public SubscriptionEvents channel(String channel) {
        this.channel = channel;
        return this;
    }

    /** The partner that holds the subscription (partnerTenantId); null: none. */
    public SubscriptionEvents heldBy(String partner) {
        this.partner = partner;
        return this;
    }

    public SubscriptionEvents offer(String offerId) {
        this.offerId = offerId;
        return this;
    }

    public SubscriptionEvents offerName(String name) {
        this.offerName = name;
        return this;
    }

    public SubscriptionEvents quantity(int quantity) {
        this.quantity = quantity;
        return this;
    }

    public SubscriptionEvents status(String status) {
        this.status = status;
        return this;
    }

    public SubscriptionEvents autoRenew(boolean on) {
        this.autoRenew = on;
        return this;
    }

    public SubscriptionEvents effectiveStartDate(String at) {
        this.effectiveStartDate = at;
        return this;
    }

    /** The last day of the term; null leaves it out. */
    public SubscriptionEvents commitmentEndDate(String date) {
        this.commitmentEndDate = date;
        return this;
    }

    /** The exact end of the term, where a test needs one within the day (a timer due in seconds). */
    public SubscriptionEvents commitmentEndDateTime(Instant at) {
        this.commitmentEndDateTime = at.toString();
        return this;
    }

    public SubscriptionEvents term(String duration, String billingCycle) {
        this.termDuration = duration;
        this.billingCycle = billingCycle;
        return this;
    }

    public SubscriptionEvents trial(boolean trial) {
        this.trial = trial;
        return this;
    }

    public SubscriptionEvents refundableUntil(String at) {
        this.refundableUntil = at;
        return this;
    }

    public ObjectNode json() {
        ObjectNode e = Json.MAPPER.createObjectNode();
        e.put("eventId", eventId);
        e.put("occurredAt", occurredAt);
        e.put("customerTenantId", tenant);
        putIfSet(e, "customerCountryCode", countryCode);
        e.put("channel", channel);
        putIfSet(e, "partnerTenantId", partner);
        ObjectNode s = e.putObject("subscription");
        s.put("id", subscriptionId);
        s.put("offerId", offerId);
        putIfSet(s, "offerName", offerName);
        s.put("quantity", quantity);
        s.put("status", status);
        s.put("autoRenewEnabled", autoRenew);
        putIfSet(s, "effectiveStartDate", effectiveStartDate);
        putIfSet(s, "commitmentEndDate", commitmentEndDate);
        putIfSet(s, "commitmentEndDateTime", commitmentEndDateTime);
        putIfSet(s, "termDuration", termDuration);
        putIfSet(s, "billingCycle", billingCycle);
        if (trial != null) {
            s.put("isTrial", trial);
        }
        putIfSet(s, "refundableUntil", refundableUntil);
        return e;
    }

    @Override
    public String toString() {
        return json().toString();
    }
}
