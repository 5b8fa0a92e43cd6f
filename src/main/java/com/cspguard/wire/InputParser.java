package com.cspguard.wire;

import com.cspguard.domain.Channel;
import com.cspguard.domain.CommerceType;
import com.cspguard.domain.Offer;
import com.cspguard.domain.Subscription;
import com.cspguard.domain.SubscriptionEvent;
import com.cspguard.domain.SubscriptionStatus;
import com.cspguard.domain.TransferRequest;
import com.cspguard.domain.TransferRequest.LineItem;
import com.cspguard.domain.TransferRequest.RequestedBy;
import com.cspguard.domain.TransferRequest.TransferMethod;
import com.cspguard.domain.TransferRequest.TransferStatus;
import com.cspguard.domain.TransferRequest.TransferType;
import com.cspguard.domain.planning.PlanRequest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Turns the bytes of the input topics into domain records, checking every rule of the contract's
 * Conventions: JSON object, required fields, types, enums (case-insensitive), and a key equal to
 * the value's id. Unknown fields are ignored. Every record is also checked against the
 * {@link InputLimits} (record size, string lengths, line items, time range), so that what is
 * accepted here can always be stored and answered.
 */
public final class InputParser {
    private InputParser() { }

    public static ParseResult<SubscriptionEvent> subscriptionEvent(byte[] key, byte[] value) {
        return subscriptionEvent(key, value, InputLimits.defaults());
    }

    /**
     * A subscription event: read off the token stream when it is well-formed and breaks no rule (the
     * common case, without a tree), else by the tree path, which names every problem.
     */
    public static ParseResult<SubscriptionEvent> subscriptionEvent(byte[] key, byte[] value, InputLimits limits) {
        if (value != null && value.length <= limits.maxRecordBytes()) {
            SubscriptionEvent event = SubscriptionEventStream.read(key, value, limits);
            if (event != null) {
                return new ParseResult.Ok<>(event);
            }
        }
        return subscriptionEventFromTree(key, value, limits);
    }

    /** The tree path of {@link #subscriptionEvent}: every rule, every reason. */
    static ParseResult<SubscriptionEvent> subscriptionEventFromTree(byte[] key, byte[] value, InputLimits limits) {
        return parse(key, value, true, limits, r -> {
            String eventId = r.text("eventId", true);
            var occurredAt = r.instant("occurredAt", true);
            String tenant = tenantId(r);
            String country = r.text("customerCountryCode", false);
            Channel channel = r.enumValue("channel", Channel.class, Channel.CSP, false);
            String partner = r.text("partnerTenantId", false);
            String customerName = r.text("customerName", false);
            FieldReader s = r.object("subscription", true);
            Subscription sub = s == null ? null : subscription(s);
            return new Keyed<>(tenant, new SubscriptionEvent(eventId, occurredAt, tenant, country, channel, partner, sub,
                    customerName));
        });
    }

    private static Subscription subscription(FieldReader s) {
        String offerId = s.text("offerId", true);
        CommerceType commerceType = s.enumValue("commerceType", CommerceType.class, null, false);
        if (commerceType == null) {
            FieldReader productType = s.object("productType", false);
            commerceType = CommerceType.derive(productType == null ? null : productType.text("id", false), offerId);
        }
        return new Subscription(
                s.text("id", true),
                offerId,
                s.text("offerName", false),
                s.nonNegativeInt("quantity"),
                s.enumValue("status", SubscriptionStatus.class, null, true),
                s.bool("autoRenewEnabled", false),
                s.instant("effectiveStartDate", false),
                s.date("commitmentEndDate"),
                s.instant("commitmentEndDateTime", false),
                s.text("termDuration", false),
                s.text("billingCycle", false),
                s.bool("isTrial", false),
                commerceType,
                s.instant("refundableUntil", false));
    }

    /** A transfer request from a topic record: the key must equal {@code customerTenantId}. */
    public static ParseResult<TransferRequest> transferRequest(byte[] key, byte[] value) {
        return transferRequest(key, value, InputLimits.defaults());
    }

    public static ParseResult<TransferRequest> transferRequest(byte[] key, byte[] value, InputLimits limits) {
        return parse(key, value, true, limits, r -> transferRequest(r, limits));
    }

    /** A transfer request from an HTTP body, which has no key: the same checks and limits as on the topic. */
    public static ParseResult<TransferRequest> transferRequestBody(byte[] body, InputLimits limits) {
        return parse(null, body, false, limits, r -> transferRequest(r, limits));
    }

    private static Keyed<TransferRequest> transferRequest(FieldReader r, InputLimits limits) {
        String transferId = r.text("transferId", true);
        var requestedAt = r.instant("requestedAt", true);
        String tenant = tenantId(r);
        TransferStatus status = r.enumValue("status", TransferStatus.class, TransferStatus.REQUESTED, false);
        TransferType type = r.enumValue("transferType", TransferType.class, TransferType.PARTNER_TO_PARTNER, false);
        TransferMethod method = r.enumValue("method", TransferMethod.class, TransferMethod.DUPLICATE, false);
        String source = r.text("sourcePartnerTenantId", false);
        String target = r.text("targetPartnerTenantId", true);
        String targetCountry = r.text("targetPartnerCountryCode", true);
        FieldReader by = r.object("requestedBy", true);
        RequestedBy requestedBy = by == null ? null : new RequestedBy(by.text("userId", false), by.text("role", true));
        boolean dap = r.bool("delegatedAdminAccess", false);
        List<FieldReader> items = r.objects("lineItems", true, limits.maxLineItems());
        if (items.isEmpty() && r.problems().stream().noneMatch(p -> p.contains(r.path("lineItems")))) {
            r.problems().add("empty field: " + r.path("lineItems") + " (expected at least one line item)");
        }
        List<LineItem> lineItems = new ArrayList<>();
        for (FieldReader item : items) {
            lineItems.add(new LineItem(item.text("subscriptionId", true), item.text("targetOfferId", false),
                    item.nonNegativeInt("quantity")));
        }
        return new Keyed<>(tenant, new TransferRequest(transferId, requestedAt, tenant, status, type, method, source,
                target, targetCountry, requestedBy, dap, lineItems));
    }

    /**
     * A plan request from the body of {@code POST /transfers/plan} (docs/planner.md). Without
     * {@code subscriptionIds} the plan moves every counted subscription; without {@code startDate}
     * it starts today.
     */
    public static ParseResult<PlanRequest> planRequestBody(byte[] body) {
        return planRequestBody(body, InputLimits.defaults());
    }

    /** As above, within {@code limits} (sizes and dates), like every other input. */
    public static ParseResult<PlanRequest> planRequestBody(byte[] body, InputLimits limits) {
        return parse(null, body, false, limits, r -> {
            String tenant = tenantId(r);
            String target = r.text("targetPartnerTenantId", true);
            String targetCountry = r.text("targetPartnerCountryCode", true);
            FieldReader by = r.object("requestedBy", true);
            RequestedBy requestedBy = by == null ? null : new RequestedBy(by.text("userId", false), by.text("role", true));
            TransferType type = r.enumValue("transferType", TransferType.class, TransferType.PARTNER_TO_PARTNER, false);
            List<String> ids = r.nonBlankTexts("subscriptionIds");
            if (r.has("subscriptionIds") && ids.isEmpty()
                    && r.problems().stream().noneMatch(p -> p.contains(r.path("subscriptionIds")))) {
                r.problems().add("empty field: subscriptionIds (leave it out to move every counted subscription)");
            }
            var start = r.date("startDate", false);
            var deadline = r.date("deadline", true);
            Integer targetCounted = r.nonNegativeInt("targetTenantCountedSubscriptions");
            PlanRequest request = r.problems().isEmpty()
                    ? new PlanRequest(tenant, target, targetCountry, requestedBy, type, ids, start, deadline, targetCounted)
                    : null;
            return new Keyed<>(tenant, request);
        });
    }

    /**
     * An offer-catalog record keyed by offer id. A null value is a tombstone: the offer left the
     * catalog, which the caller sees as {@code Ok(null)}.
     */
    public static ParseResult<Offer> offer(byte[] key, byte[] value) {
        return offer(key, value, InputLimits.defaults());
    }

    public static ParseResult<Offer> offer(byte[] key, byte[] value, InputLimits limits) {
        if (value == null) {
            return key == null ? new ParseResult.Bad<>(List.of("missing key")) : new ParseResult.Ok<>(null);
        }
        return parse(key, value, true, limits, r -> {
            String offerId = r.text("offerId", true);
            Offer offer = new Offer(offerId, r.text("offerName", false),
                    r.enumValue("status", Offer.OfferStatus.class, Offer.OfferStatus.AVAILABLE, false),
                    r.texts("equivalentOfferIds"));
            return new Keyed<>(offerId, offer);
        });
    }

    /** Tenant ids are GUIDs; a '|' would break the {@code tenant|id} store keys. */
    private static String tenantId(FieldReader r) {
        String tenant = r.text("customerTenantId", true);
        if (tenant != null && tenant.indexOf('|') >= 0) {
            r.problems().add("invalid value: " + r.path("customerTenantId") + " must not contain '|'");
        }
        return tenant;
    }

    /** A key quoted in a reason: no longer than any field may be, so the reason stays short. */
    private static String abbreviated(String s, InputLimits limits) {
        return s.length() <= limits.maxStringLength() ? s : s.substring(0, limits.maxStringLength()) + "…";
    }

    /** A parsed value with the id its record key must equal. */
    private record Keyed<T>(String id, T value) { }

    private static <T> ParseResult<T> parse(byte[] key, byte[] value, boolean checkKey, InputLimits limits,
                                            Function<FieldReader, Keyed<T>> reader) {
        if (value == null) {
            return new ParseResult.Bad<>(List.of("missing value"));
        }
        if (value.length > limits.maxRecordBytes()) {
            // checked before parsing: a huge record costs no parsing, and cannot grow into outputs too large to send
            return new ParseResult.Bad<>(List.of("too large: the value has " + value.length + " bytes (at most "
                    + limits.maxRecordBytes() + ")"));
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(value);
        } catch (JsonProcessingException e) {
            return new ParseResult.Bad<>(List.of("invalid JSON: " + e.getOriginalMessage()));
        } catch (IOException e) {
            return new ParseResult.Bad<>(List.of("invalid JSON: " + e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            return new ParseResult.Bad<>(List.of("invalid JSON: the value is not a JSON object"));
        }
        FieldReader r = FieldReader.root(root, limits);
        Keyed<T> keyed = reader.apply(r);
        List<String> problems = new ArrayList<>(r.problems());
        if (checkKey) {
            if (key == null) {
                problems.add("missing key");
            } else if (keyed.id() != null && !keyed.id().equals(new String(key, StandardCharsets.UTF_8))) {
                problems.add("key mismatch: key '" + abbreviated(new String(key, StandardCharsets.UTF_8), limits)
                        + "' differs from '" + keyed.id() + "'");
            }
        }
        return problems.isEmpty() ? new ParseResult.Ok<>(keyed.value()) : new ParseResult.Bad<>(problems);
    }
}
