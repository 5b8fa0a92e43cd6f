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
import java.util.Locale;

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
        int seen = 0;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            int bit = switch (name) {
                case "eventId" -> 1;
                case "occurredAt" -> 2;
                case "customerTenantId" -> 4;
                case "customerCountryCode" -> 8;
                case "channel" -> 16;
                case "partnerTenantId" -> 32;
                case "customerName" -> 64;
                case "subscription" -> 128;
                default -> 0;
            };
            if (bit == 0) {
                p.skipChildren(); // unknown fields are ignored
                continue;
            }
            expect((seen & bit) == 0);
            seen |= bit;
            if (bit == 128) {
                expect(v == JsonToken.START_OBJECT);
                subscription = subscription(p, limits);
                continue;
            }
            String text = text(p, v, limits);
            switch (bit) {
                case 1 -> eventId = text;
                case 2 -> occurredAt = text;
                case 4 -> tenant = text;
                case 8 -> country = text;
                case 16 -> channel = text;
                case 32 -> partner = text;
                default -> customerName = text;
            }
        }
        expect(t == JsonToken.END_OBJECT);
        expect(nonBlank(eventId) && nonBlank(tenant) && subscription != null && tenant.indexOf('|') < 0);
        return new SubscriptionEvent(eventId, instant(required(occurredAt)), tenant, country,
                channel == null ? Channel.CSP : enumValue(Channel.class, channel), partner, subscription, customerName);
    }

    private static Subscription subscription(JsonParser p, InputLimits limits) throws IOException, Bail {
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
        int seen = 0;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            int bit = switch (name) {
                case "id" -> 1;
                case "offerId" -> 2;
                case "offerName" -> 4;
                case "quantity" -> 8;
                case "status" -> 16;
                case "autoRenewEnabled" -> 32;
                case "effectiveStartDate" -> 64;
                case "commitmentEndDate" -> 128;
                case "commitmentEndDateTime" -> 256;
                case "termDuration" -> 512;
                case "billingCycle" -> 1024;
                case "isTrial" -> 2048;
                case "commerceType" -> 4096;
                case "productType" -> 8192;
                case "refundableUntil" -> 16384;
                default -> 0;
            };
            if (bit == 0) {
                p.skipChildren();
                continue;
            }
            expect((seen & bit) == 0);
            seen |= bit;
            switch (bit) {
                case 8 -> {
                    expect(v == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT);
                    quantity = p.getIntValue();
                    expect(quantity >= 0);
                }
                case 32 -> autoRenew = bool(v);
                case 2048 -> trial = bool(v);
                case 8192 -> {
                    expect(v == JsonToken.START_OBJECT);
                    productTypeId = productTypeId(p, limits);
                }
                default -> {
                    String text = text(p, v, limits);
                    switch (bit) {
                        case 1 -> id = text;
                        case 2 -> offerId = text;
                        case 4 -> offerName = text;
                        case 16 -> status = text;
                        case 64 -> start = text;
                        case 128 -> endDate = text;
                        case 256 -> endDateTime = text;
                        case 512 -> term = text;
                        case 1024 -> billing = text;
                        case 4096 -> commerceType = text;
                        default -> refundableUntil = text;
                    }
                }
            }
        }
        expect(t == JsonToken.END_OBJECT);
        expect(nonBlank(id) && nonBlank(offerId) && nonBlank(status));
        CommerceType commerce = commerceType == null ? CommerceType.derive(productTypeId, offerId)
                : enumValue(CommerceType.class, commerceType);
        return new Subscription(id, offerId, offerName, quantity, enumValue(SubscriptionStatus.class, status), autoRenew,
                start == null ? null : instant(start), endDate == null ? null : date(endDate),
                endDateTime == null ? null : instant(endDateTime), term, billing, trial, commerce,
                refundableUntil == null ? null : instant(refundableUntil));
    }

    /** {@code productType.id}: the only field of it the guard reads. */
    private static String productTypeId(JsonParser p, InputLimits limits) throws IOException, Bail {
        String id = null;
        boolean seen = false;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            if (!name.equals("id")) {
                p.skipChildren();
                continue;
            }
            expect(!seen);
            seen = true;
            id = text(p, v, limits);
        }
        expect(t == JsonToken.END_OBJECT);
        return id;
    }

    /** A string no longer than the limit; JSON null and every other type leave the fast path. */
    private static String text(JsonParser p, JsonToken v, InputLimits limits) throws IOException, Bail {
        expect(v == JsonToken.VALUE_STRING);
        String text = p.getText();
        expect(text.length() <= limits.maxStringLength());
        return text;
    }

    private static boolean bool(JsonToken v) throws Bail {
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
