package com.cspguard.topology;

import com.cspguard.domain.Channel;
import com.cspguard.domain.HeldSubscription;
import com.cspguard.domain.Subscription;
import com.cspguard.domain.SubscriptionStatus;
import com.cspguard.domain.TenantCounts;
import com.cspguard.domain.TimerType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compact binary forms of the values every event reads and writes: a subscription's state, a
 * tenant's counters and a timer. JSON cost more CPU than everything else per event and doubled the bytes
 * per subscription. The first byte is a format version, so the layout can evolve.
 */
public final class BinaryCodecs {
    private BinaryCodecs() { }

    /** Version 2 added the earlier event ids of a subscription; version 1 values are still read. */
    private static final byte VERSION = 2;
    private static final byte VERSION_1 = 1;

    public static final ValueCodec<SubscriptionState> SUBSCRIPTION = new ValueCodec<>() {
        @Override
        public byte[] write(SubscriptionState s) {
            return bytes(out -> {
                HeldSubscription h = s.held();
                Subscription sub = h.subscription();
                out.writeByte(VERSION);
                text(out, h.lastEventId());
                instant(out, h.occurredAt());
                out.writeByte(h.channel() == null ? -1 : h.channel().ordinal());
                text(out, h.partnerTenantId());
                out.writeBoolean(h.repurchased());
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
            });
        }

        @Override
        public SubscriptionState read(byte[] bytes) {
            if (bytes == null) {
                return null;
            }
            return parse(bytes, in -> {
                byte version = version(in, VERSION, VERSION_1);
                String lastEventId = text(in);
                Instant occurredAt = instant(in);
                byte channel = in.readByte();
                String partner = text(in);
                boolean repurchased = in.readBoolean();
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
                Subscription sub = new Subscription(id, offerId, offerName, quantity < 0 ? null : quantity, status, autoRenew,
                        start, endDay == Long.MIN_VALUE ? null : LocalDate.ofEpochDay(endDay), endDateTime, term, billing, trial);
                HeldSubscription held = new HeldSubscription(lastEventId, occurredAt,
                        channel < 0 ? null : Channel.values()[channel], partner, sub, repurchased);
                long[] earlier = new long[version == VERSION_1 ? 0 : in.readByte()];
                for (int i = 0; i < earlier.length; i++) {
                    earlier[i] = in.readLong();
                }
                return new SubscriptionState(held, timerEnd, next < 0 ? null : TimerType.values()[next],
                        RecentEventIds.of(earlier));
            });
        }
    };

    public static final ValueCodec<TenantCounts> COUNTS = new ValueCodec<>() {
        @Override
        public byte[] write(TenantCounts c) {
            return bytes(out -> {
                out.writeByte(VERSION_1);
                out.writeUTF(c.customerTenantId());
                out.writeInt(c.counted());
                out.writeByte(c.byStatus().size());
                for (Map.Entry<String, Integer> e : c.byStatus().entrySet()) {
                    out.writeUTF(e.getKey());
                    out.writeInt(e.getValue());
                }
                text(out, c.countryCode());
                out.writeInt(c.thresholdCrossings());
                out.writeInt(c.openTransfers());
                out.writeInt(c.awaitingRepurchase());
                instant(out, c.updatedAt());
            });
        }

        @Override
        public TenantCounts read(byte[] bytes) {
            if (bytes == null) {
                return null;
            }
            return parse(bytes, in -> {
                version(in, VERSION_1);
                String tenant = in.readUTF();
                int counted = in.readInt();
                int n = in.readByte();
                Map<String, Integer> byStatus = new TreeMap<>();
                for (int i = 0; i < n; i++) {
                    byStatus.put(in.readUTF(), in.readInt());
                }
                return new TenantCounts(tenant, counted, byStatus, text(in), in.readInt(), in.readInt(), in.readInt(),
                        instant(in));
            });
        }
    };

    /**
     * A timer: written on every subscription creation and renewal. Values stored as JSON by earlier
     * versions (first byte '{') are still read.
     */
    public static final ValueCodec<TimerEntry> TIMER = new ValueCodec<>() {
        private final JsonSerde<TimerEntry> json = new JsonSerde<>(TimerEntry.class);

        @Override
        public byte[] write(TimerEntry t) {
            return bytes(out -> {
                out.writeByte(VERSION_1);
                out.writeUTF(t.tenantId());
                out.writeUTF(t.ownerId());
                out.writeUTF(t.kind());
                out.writeLong(t.dueAtMillis());
                instant(out, t.termEnd());
            });
        }

        @Override
        public TimerEntry read(byte[] bytes) {
            if (bytes == null) {
                return null;
            }
            if (bytes.length > 0 && bytes[0] == '{') {
                return json.read(bytes);
            }
            return parse(bytes, in -> {
                version(in, VERSION_1);
                return new TimerEntry(in.readUTF(), in.readUTF(), in.readUTF(), in.readLong(), instant(in));
            });
        }
    };

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
