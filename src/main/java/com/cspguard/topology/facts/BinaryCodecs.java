package com.cspguard.topology.facts;

import com.cspguard.domain.Channel;
import com.cspguard.domain.CommerceType;
import com.cspguard.domain.HeldSubscription;
import com.cspguard.domain.Subscription;
import com.cspguard.domain.SubscriptionStatus;
import com.cspguard.domain.TimerType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The compact binary form of the fact every event reads and writes: a subscription's. JSON would
 * cost more CPU than the rest of the event and twice the bytes. The first byte is a format
 * version, so the layout can evolve.
 */
public final class BinaryCodecs {
    private BinaryCodecs() { }

    /**
     * Version 3 (facts only): the tenant's country, the gain time and the earlier timer chains moved
     * into the subscription's fact; the repurchased flag went (it is derived). Version 2 values are
     * still read. Version 4 appends the commerce type, {@code refundableUntil} and the customer's name
     * with when it was reported; the offer name, start date and term duration, present in the layout
     * since version 2 but written empty, are now kept. Versions 2 and 3 are still read.
     */
    private static final byte VERSION = 4;
    private static final byte VERSION_3 = 3;
    private static final byte VERSION_2 = 2;

    public static final ValueCodec<SubscriptionFact> SUBSCRIPTION = new ValueCodec<>() {
        @Override
        public byte[] write(SubscriptionFact s) {
            return bytes(out -> {
                HeldSubscription h = s.held();
                Subscription sub = h.subscription();
                out.writeByte(VERSION);
                text(out, h.lastEventId());
                instant(out, h.occurredAt());
                out.writeByte(h.channel() == null ? -1 : h.channel().ordinal());
                text(out, h.partnerTenantId());
                out.writeUTF(sub.id());
                out.writeUTF(sub.offerId());
                text(out, sub.offerName());
                out.writeInt(sub.quantity() == null ? -1 : sub.quantity());
                out.writeByte(sub.status().ordinal());
                out.writeBoolean(sub.autoRenewEnabled());
                instant(out, sub.effectiveStartDate());
                out.writeLong(sub.commitmentEndDate() == null ? Long.MIN_VALUE : sub.commitmentEndDate().toEpochDay());
                instant(out, sub.commitmentEndDateTime());
                text(out, sub.termDuration());
                text(out, sub.billingCycle());
                out.writeBoolean(sub.isTrial());
                instant(out, s.timerTermEnd());
                out.writeByte(s.nextTimer() == null ? -1 : s.nextTimer().ordinal());
                long[] earlier = s.earlierEvents().hashes();
                out.writeByte(earlier.length);
                for (long hash : earlier) {
                    out.writeLong(hash);
                }
                text(out, s.countryCode());
                instant(out, s.countryAt());
                instant(out, s.gainedAt());
                long[] ends = s.earlierChains().termEndMillis();
                byte[] progress = s.earlierChains().progress();
                out.writeByte(ends.length);
                for (int i = 0; i < ends.length; i++) {
                    out.writeLong(ends[i]);
                    out.writeByte(progress[i]);
                }
                out.writeByte(sub.commerceType().ordinal());
                instant(out, sub.refundableUntil());
                text(out, s.customerName());
                instant(out, s.nameAt());
            });
        }

        @Override
        public SubscriptionFact read(byte[] bytes) {
            return bytes == null ? null : parse(bytes, in -> readFact(in, true));
        }
    };

    /**
     * The subscription fact as far as the indexes need it, for rebuilding them from every fact of a
     * task: the event id, partner and earlier event ids are stepped over, not decoded (left null or
     * empty), which saves their allocation for each of millions of facts.
     */
    public static final ValueCodec<SubscriptionFact> SUBSCRIPTION_FOR_INDEXES = new ValueCodec<>() {
        @Override
        public byte[] write(SubscriptionFact value) {
            throw new UnsupportedOperationException("a fact read for the indexes is not written back");
        }

        @Override
        public SubscriptionFact read(byte[] bytes) {
            return bytes == null ? null : parse(bytes, in -> readFact(in, false));
        }
    };

    private static SubscriptionFact readFact(ByteReader in, boolean full) throws IOException {
        byte version = version(in, VERSION, VERSION_3, VERSION_2);
        String lastEventId = full ? text(in) : skipText(in);
        Instant occurredAt = instant(in);
        byte channel = in.readByte();
        String partner = text(in); // the indexes keep which partners hold the tenant's subscriptions
        if (version == VERSION_2) {
            in.readBoolean(); // the former repurchased flag, now derived
        }
        String id = in.readUTF();
        String offerId = in.readUTF();
        String offerName = text(in);
        int quantity = in.readInt();
        SubscriptionStatus status = SubscriptionStatus.values()[in.readByte()];
        boolean autoRenew = in.readBoolean();
        Instant start = instant(in);
        long endDay = in.readLong();
        Instant endDateTime = instant(in);
        String term = text(in);
        String billing = text(in);
        boolean trial = in.readBoolean();
        Instant timerEnd = instant(in);
        byte next = in.readByte();
        Channel heldChannel = channel < 0 ? null : Channel.values()[channel];
        LocalDate endDate = endDay == Long.MIN_VALUE ? null : LocalDate.ofEpochDay(endDay);
        int earlierCount = in.readByte();
        long[] earlier = full ? new long[earlierCount] : new long[0];
        for (int i = 0; i < earlierCount; i++) {
            if (full) {
                earlier[i] = in.readLong();
            } else {
                in.skip(8);
            }
        }
        String country = null;
        Instant countryAt = null;
        Instant gainedAt = null;
        EarlierChains chains = EarlierChains.NONE;
        CommerceType commerceType = null;
        Instant refundableUntil = null;
        String customerName = null;
        Instant nameAt = null;
        if (version != VERSION_2) {
            country = text(in);
            countryAt = instant(in);
            gainedAt = instant(in);
            int n = in.readByte();
            if (full) {
                long[] ends = new long[n];
                byte[] progress = new byte[n];
                for (int i = 0; i < n; i++) {
                    ends[i] = in.readLong();
                    progress[i] = in.readByte();
                }
                chains = EarlierChains.of(ends, progress);
            } else {
                in.skip(9 * n);
            }
        }
        if (version == VERSION) {
            commerceType = CommerceType.values()[in.readByte()];
            refundableUntil = instant(in);
            customerName = text(in);
            nameAt = instant(in);
        }
        Subscription sub = new Subscription(id, offerId, offerName, quantity < 0 ? null : quantity, status, autoRenew,
                start, endDate, endDateTime, term, billing, trial, commerceType, refundableUntil);
        HeldSubscription held = new HeldSubscription(lastEventId, occurredAt, heldChannel, partner, sub);
        return new SubscriptionFact(held, country, countryAt, gainedAt, timerEnd,
                next < 0 ? null : TimerType.values()[next], chains, RecentEventIds.of(earlier), customerName, nameAt);
    }

    private static String skipText(ByteReader in) throws IOException {
        if (in.readBoolean()) {
            in.skipUTF();
        }
        return null;
    }

    private interface Writer {
        void write(ByteWriter out);
    }

    private interface Reader<T> {
        T read(ByteReader in) throws IOException;
    }

    private static byte[] bytes(Writer writer) {
        ByteWriter out = new ByteWriter(160);
        writer.write(out);
        return out.toByteArray();
    }

    private static <T> T parse(byte[] bytes, Reader<T> reader) {
        try {
            return reader.read(new ByteReader(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt store value", e);
        }
    }

    /** Reads the version byte; one of {@code accepted}, or the value is unreadable. */
    private static byte version(ByteReader in, byte... accepted) throws IOException {
        byte v = in.readByte();
        for (byte a : accepted) {
            if (v == a) {
                return v;
            }
        }
        throw new IOException("unknown store value version " + v);
    }

    private static void text(ByteWriter out, String s) {
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeUTF(s);
        }
    }

    private static String text(ByteReader in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    /** Seconds and nanos, so no precision of the input is lost; Long.MIN_VALUE for null. */
    private static void instant(ByteWriter out, Instant i) {
        out.writeLong(i == null ? Long.MIN_VALUE : i.getEpochSecond());
        if (i != null) {
            out.writeInt(i.getNano());
        }
    }

    private static Instant instant(ByteReader in) throws IOException {
        long seconds = in.readLong();
        return seconds == Long.MIN_VALUE ? null : Instant.ofEpochSecond(seconds, in.readInt());
    }
}
