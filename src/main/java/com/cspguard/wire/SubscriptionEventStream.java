package com.cspguard.wire;

import com.cspguard.domain.Channel;
import com.cspguard.domain.CommerceType;
import com.cspguard.domain.Subscription;
import com.cspguard.domain.SubscriptionEvent;
import com.cspguard.domain.SubscriptionStatus;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The fast path of {@link InputParser#subscriptionEvent}: the contract's fields read straight off
 * Jackson's token stream, without building a tree (the tree was a fifth of the processor's time on
 * a churning load, docs/benchmarks.md). It accepts only a record it can read completely and that
 * breaks no rule; for anything else (a problem, a type it does not expect, a field given twice, a
 * JSON null) it answers {@code null} and the caller reads the record again with the tree path,
 * so every reason a record is refused for still has one source. {@code SubscriptionEventStreamProperties}
 * checks that both paths give the same event.
 */
final class SubscriptionEventStream {
    private SubscriptionEventStream() { }

    /** Thrown to leave the fast path; no stack trace, it is not an error. */
    private static final class Bail extends Exception {
        private static final Bail INSTANCE = new Bail();

        private Bail() {
            super(null, null, false, false);
        }
    }

    /** The event, or null when the record needs the tree path (a problem or anything unusual). */
    static SubscriptionEvent read(byte[] key, byte[] value, InputLimits limits) {
        try (JsonParser p = Json.MAPPER.getFactory().createParser(value)) {
            SubscriptionEvent event = event(p, limits);
            if (p.nextToken() != null) {
                return null; // something after the object: let the tree path decide
            }
            if (key == null || !event.customerTenantId().equals(new String(key, StandardCharsets.UTF_8))) {
                return null;
            }
            return event;
        } catch (Bail | IOException | RuntimeException e) {
            return null;
        }
    }

    /** The contract's fields of an event; a constant's name is the field's name. */
    private enum EventField {
        eventId, occurredAt, customerTenantId, customerCountryCode, channel, partnerTenantId, customerName, subscription
    }

    /** The contract's fields of {@code subscription}. */
    private enum SubscriptionField {
        id, offerId, offerName, quantity, status, autoRenewEnabled, effectiveStartDate, commitmentEndDate,
        commitmentEndDateTime, termDuration, billingCycle, isTrial, commerceType, productType, refundableUntil
    }

    /** {@code productType.id}: the only field of it the guard reads. */
    private enum ProductTypeField { id }

    private static final Map<String, EventField> EVENT_FIELDS = byName(EventField.values());
    private static final Map<String, SubscriptionField> SUBSCRIPTION_FIELDS = byName(SubscriptionField.values());
    private static final Map<String, ProductTypeField> PRODUCT_TYPE_FIELDS = byName(ProductTypeField.values());

    private static SubscriptionEvent event(JsonParser p, InputLimits limits) throws IOException, Bail {
        expect(p.nextToken() == JsonToken.START_OBJECT);
        String eventId = null;
        String occurredAt = null;
        String tenant = null;
        String country = null;
        String channel = null;
        String partner = null;
        String customerName = null;
        Subscription subscription = null;
        Fields<EventField> fields = new Fields<>(p, EVENT_FIELDS);
        for (EventField field = fields.next(); field != null; field = fields.next()) {
            switch (field) {
                case eventId -> eventId = text(p, limits);
                case occurredAt -> occurredAt = text(p, limits);
                case customerTenantId -> tenant = text(p, limits);
                case customerCountryCode -> country = text(p, limits);
                case channel -> channel = text(p, limits);
                case partnerTenantId -> partner = text(p, limits);
                case customerName -> customerName = text(p, limits);
                case subscription -> subscription = subscription(p, limits);
            }
        }
        expect(nonBlank(eventId) && nonBlank(tenant) && subscription != null && tenant.indexOf('|') < 0);
        return new SubscriptionEvent(eventId, instant(required(occurredAt)), tenant, country,
                channel == null ? Channel.CSP : enumValue(Channel.class, channel), partner, subscription, customerName);
    }

    private static Subscription subscription(JsonParser p, InputLimits limits) throws IOException, Bail {
        expect(p.currentToken() == JsonToken.START_OBJECT);
        String id = null;
        String offerId = null;
        String offerName = null;
        Integer quantity = null;
        String status = null;
        boolean autoRenew = false;
        String start = null;
        String endDate = null;
        String endDateTime = null;
        String term = null;
        String billing = null;
        boolean trial = false;
        String commerceType = null;
        String productTypeId = null;
        String refundableUntil = null;
        Fields<SubscriptionField> fields = new Fields<>(p, SUBSCRIPTION_FIELDS);
        for (SubscriptionField field = fields.next(); field != null; field = fields.next()) {
            switch (field) {
                case id -> id = text(p, limits);
                case offerId -> offerId = text(p, limits);
                case offerName -> offerName = text(p, limits);
                case quantity -> {
                    expect(p.currentToken() == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT);
                    quantity = p.getIntValue();
                    expect(quantity >= 0);
                }
                case status -> status = text(p, limits);
                case autoRenewEnabled -> autoRenew = bool(p);
                case effectiveStartDate -> start = text(p, limits);
                case commitmentEndDate -> endDate = text(p, limits);
                case commitmentEndDateTime -> endDateTime = text(p, limits);
                case termDuration -> term = text(p, limits);
                case billingCycle -> billing = text(p, limits);
                case isTrial -> trial = bool(p);
                case commerceType -> commerceType = text(p, limits);
                case productType -> productTypeId = productTypeId(p, limits);
                case refundableUntil -> refundableUntil = text(p, limits);
            }
        }
        expect(nonBlank(id) && nonBlank(offerId) && nonBlank(status));
        CommerceType commerce = commerceType == null ? CommerceType.derive(productTypeId, offerId)
                : enumValue(CommerceType.class, commerceType);
        return new Subscription(id, offerId, offerName, quantity, enumValue(SubscriptionStatus.class, status), autoRenew,
                start == null ? null : instant(start), endDate == null ? null : date(endDate),
                endDateTime == null ? null : instant(endDateTime), term, billing, trial, commerce,
                refundableUntil == null ? null : instant(refundableUntil));
    }

    private static String productTypeId(JsonParser p, InputLimits limits) throws IOException, Bail {
        expect(p.currentToken() == JsonToken.START_OBJECT);
        String id = null;
        Fields<ProductTypeField> fields = new Fields<>(p, PRODUCT_TYPE_FIELDS);
        while (fields.next() != null) {
            id = text(p, limits);
        }
        return id;
    }

    /**
     * Walks the fields of the object the parser is in, the one loop of the three objects read here:
     * it skips the fields the contract does not name (they are ignored) and leaves the fast path on a
     * field given twice or on anything but the object's end after its last field.
     */
    private static final class Fields<F extends Enum<F>> {
        private final JsonParser p;
        private final Map<String, F> known;
        private long seen;

        Fields(JsonParser p, Map<String, F> known) {
            this.p = p;
            this.known = known;
        }

        /** The next field the contract names, the parser on its value; null after the last. */
        F next() throws IOException, Bail {
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                F field = known.get(p.currentName());
                p.nextToken();
                if (field == null) {
                    p.skipChildren(); // unknown fields are ignored
                    continue;
                }
                long bit = 1L << field.ordinal();
                expect((seen & bit) == 0);
                seen |= bit;
                return field;
            }
            expect(t == JsonToken.END_OBJECT);
            return null;
        }
    }

    private static <F extends Enum<F>> Map<String, F> byName(F[] fields) {
        Map<String, F> byName = new HashMap<>();
        for (F f : fields) {
            byName.put(f.name(), f);
        }
        return Map.copyOf(byName);
    }

    /** A string no longer than the limit; JSON null and every other type leave the fast path. */
    private static String text(JsonParser p, InputLimits limits) throws IOException, Bail {
        expect(p.currentToken() == JsonToken.VALUE_STRING);
        String text = p.getText();
        expect(text.length() <= limits.maxStringLength());
        return text;
    }

    private static boolean bool(JsonParser p) throws Bail {
        JsonToken v = p.currentToken();
        expect(v == JsonToken.VALUE_TRUE || v == JsonToken.VALUE_FALSE);
        return v == JsonToken.VALUE_TRUE;
    }

    private static String required(String text) throws Bail {
        expect(nonBlank(text));
        return text;
    }

    private static boolean nonBlank(String text) {
        return text != null && !text.isBlank();
    }

    /** As FieldReader reads an enum: trimmed, case-insensitive. */
    private static <E extends Enum<E>> E enumValue(Class<E> type, String raw) {
        return Enum.valueOf(type, raw.trim().toUpperCase(Locale.ROOT));
    }

    /** As FieldReader reads an instant, within the same range. */
    private static Instant instant(String raw) throws Bail {
        Instant instant = IsoInstants.parse(raw);
        expect(!instant.isBefore(InputLimits.EARLIEST) && !instant.isAfter(InputLimits.LATEST));
        return instant;
    }

    /** As FieldReader reads a date: a date, or an instant naming that date. */
    private static LocalDate date(String raw) throws Bail, DateTimeParseException {
        LocalDate date = raw.length() <= 10 ? IsoInstants.parseDate(raw) : IsoInstants.parse(raw).atOffset(ZoneOffset.UTC).toLocalDate();
        expect(!date.isBefore(InputLimits.EARLIEST_DATE) && !date.isAfter(InputLimits.LATEST_DATE));
        return date;
    }

    private static void expect(boolean ok) throws Bail {
        if (!ok) {
            throw Bail.INSTANCE;
        }
    }
}
