package com.cspguard.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * A seeded, realistic data set: tenant sizes drawn so most have 1-20 subscriptions, some 20-150
 * and a few 150-400; every subscription is created, then changes follow (renewals, status and
 * autorenew changes), with transfer requests 1% of all records. End dates spread over the past two months
 * and the next year, so timers fall due.
 *
 * <p>Besides those ordinary tenants, two kinds of <em>flipping</em> tenants (issue 10) measure whether
 * an event costs more in a large tenant: {@link Profile#LARGE_FLIPPING} tenants of 400 subscriptions,
 * 100 of them expired and awaiting repurchase, and {@link Profile#SMALL_FLIPPING} tenants of 5, one of
 * them awaiting. Their changes are status flips only, each subscription going from counted
 * ({@code active}) to not counted ({@code expired}) and back; the two kinds get about as many flips
 * each. The awaiting subscriptions hold an offer no other subscription of the tenant holds, so no flip
 * repurchases them and they stay awaiting for the whole run: every flip back to counted meets all of
 * them, which is the path that grew with the tenant.
 */
public final class DataSet implements BenchData {
    public record Rec(String topic, byte[] key, byte[] value) { }

    /** What a tenant's records are made of. */
    public enum Profile {
        ORDINARY(0, 0),
        LARGE_FLIPPING(400, 100),
        SMALL_FLIPPING(5, 1);

        /** Subscriptions of a flipping tenant (ordinary tenants draw theirs). */
        final int size;
        /** Of those, created expired and awaiting repurchase: subscriptions 0 to awaiting - 1. */
        final int awaiting;

        Profile(int size, int awaiting) {
            this.size = size;
            this.awaiting = awaiting;
        }
    }

    /** Changes after the creations, per subscription of an ordinary tenant. */
    static final double CHANGES_PER_SUBSCRIPTION = 0.35;
    /** Transfer requests among all records. */
    static final double REQUEST_SHARE = 0.01;
    /** The offer of the subscriptions awaiting repurchase in flipping tenants: no other subscription holds it. */
    static final String AWAITING_OFFER = "CFQ7TTC0LH19:0001";

    private final int tenants;
    private final long seed;
    private final Instant now;

    public DataSet(int tenants, long seed, Instant now) {
        this.tenants = tenants;
        this.seed = seed;
        this.now = now;
    }

    static int tenantSize(Random r) {
        double p = r.nextDouble();
        if (p < 0.80) {
            return 1 + r.nextInt(20);
        } else if (p < 0.97) {
            return 20 + r.nextInt(131);
        }
        return 150 + r.nextInt(251);
    }

    /** One tenant in 200 is a large flipping one, one in 20 a small flipping one. */
    static Profile profile(int tenantIndex) {
        if (tenantIndex % 200 == 0) {
            return Profile.LARGE_FLIPPING;
        }
        if (tenantIndex % 20 == 10) {
            return Profile.SMALL_FLIPPING;
        }
        return Profile.ORDINARY;
    }

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String describe() {
        return String.format("bench: %,d tenants, seed %d", tenants, seed);
    }

    @Override
    public long subscriptions() {
        return countSubscriptions(tenants, seed);
    }

    @Override
    public BenchData withSeed(long otherSeed) {
        return new DataSet(tenants, otherSeed, now);
    }

    @Override
    public BenchData sized(double share, long otherSeed) {
        return new DataSet(Math.max(1, (int) (tenants * share)), otherSeed, now);
    }

    @Override
    public BenchData warmUp() {
        return new DataSet(Math.max(1, (int) (tenants * WARM_UP_SHARE)), BenchData.warmUpSeed(seed), now);
    }

    /** The profile of the tenant with this id in this data set ({@code ORDINARY} for an unknown id). */
    @Override
    public Profile profileOf(String tenantId) {
        try {
            UUID id = UUID.fromString(tenantId);
            long index = id.getLeastSignificantBits();
            return id.getMostSignificantBits() == seed && index >= 0 && index < tenants ? profile((int) index) : Profile.ORDINARY;
        } catch (IllegalArgumentException e) {
            return Profile.ORDINARY;
        }
    }

    private static int[] sizes(int tenants, Random r) {
        int[] sizes = new int[tenants];
        for (int t = 0; t < tenants; t++) {
            Profile p = profile(t);
            sizes[t] = p == Profile.ORDINARY ? tenantSize(r) : p.size;
        }
        return sizes;
    }

    /** How many distinct subscriptions {@link #generate} creates for these parameters. */
    public static long countSubscriptions(int tenants, long seed) {
        return Arrays.stream(sizes(tenants, new Random(seed))).asLongStream().sum();
    }

    /**
     * Streams every record, in order, to {@code sink(topic, record)}; returns the count per topic. The
     * creations come first, as many as {@link #countSubscriptions}, then the changes.
     */
    @Override
    public long[] generate(BiConsumer<String, Rec> sink) {
        Random r = new Random(seed);
        long events = 0;
        long requests = 0;
        List<String> tenantIds = new ArrayList<>();
        int[] sizes = sizes(tenants, r);
        List<Integer> ordinary = new ArrayList<>();
        List<Integer> large = new ArrayList<>();
        List<Integer> small = new ArrayList<>();
        long ordinarySubscriptions = 0;
        for (int t = 0; t < tenants; t++) {
            tenantIds.add(new UUID(seed, t).toString());
            switch (profile(t)) {
                case ORDINARY -> {
                    ordinary.add(t);
                    ordinarySubscriptions += sizes[t];
                }
                case LARGE_FLIPPING -> large.add(t);
                case SMALL_FLIPPING -> small.add(t);
            }
        }
        // creations, tenant by tenant interleaved so partitions fill evenly
        int maxSize = Arrays.stream(sizes).max().orElse(0);
        long creations = 0;
        long clock = now.toEpochMilli() - 3_600_000L;
        for (int i = 0; i < maxSize; i++) {
            for (int t = 0; t < tenants; t++) {
                if (i >= sizes[t]) {
                    continue;
                }
                if (i < profile(t).awaiting) {
                    sink.accept("subscription-events", event(r, tenantIds.get(t), i, AWAITING_OFFER, "expired", false,
                            clock++, pastTermEnd(r)));
                } else {
                    sink.accept("subscription-events", event(r, tenantIds.get(t), i, "active", r.nextBoolean(), clock++,
                            endDate(r)));
                }
                events++;
                creations++;
            }
        }
        // changes: about one per three subscriptions of the ordinary tenants; among them the transfer
        // requests, as many as 1% of all records (until 2026-11-25 they were 1% of the changes only,
        // 0.26% of all records). Interleaved with them, the flips of the flipping tenants: as many as
        // a large tenant's subscriptions would get as changes, and as many again for the small ones.
        long changes = (long) (ordinarySubscriptions * CHANGES_PER_SUBSCRIPTION);
        long flips = small.isEmpty() ? (long) (large.size() * Profile.LARGE_FLIPPING.size * CHANGES_PER_SUBSCRIPTION)
                : 2 * (long) (large.size() * Profile.LARGE_FLIPPING.size * CHANGES_PER_SUBSCRIPTION);
        double flipShare = (double) flips / (changes + flips);
        double requestShare = REQUEST_SHARE * (creations + changes + flips) / changes;
        int[] flippedDown = new int[tenants];
        Arrays.fill(flippedDown, -1);
        for (long c = 0; c < changes + flips; c++) {
            if (r.nextDouble() < flipShare) {
                List<Integer> kind = small.isEmpty() || r.nextBoolean() ? large : small;
                int t = kind.get(r.nextInt(kind.size()));
                sink.accept("subscription-events", flip(r, t, tenantIds.get(t), sizes[t], flippedDown, clock++));
                events++;
                continue;
            }
            // ordinary tenants only: a renewal or a transfer request in a flipping tenant would blur
            // what its flips measure
            int t = ordinary.get(r.nextInt(ordinary.size()));
            int s = r.nextInt(sizes[t]);
            if (r.nextDouble() < requestShare) {
                sink.accept("transfer-requests", request(r, tenantIds.get(t), "t-" + c, sizes[t], clock++));
                requests++;
                continue;
            }
            double kind = r.nextDouble();
            String status = kind < 0.40 ? "active" : kind < 0.60 ? "expired" : kind < 0.70 ? "suspended" : "active";
            boolean autoRenew = kind < 0.85 ? r.nextBoolean() : false;
            sink.accept("subscription-events", event(r, tenantIds.get(t), s, status, autoRenew, clock++,
                    kind < 0.40 ? endDate(r).plusYears(1) : endDate(r)));
            events++;
        }
        return new long[]{events, requests};
    }

    /**
     * The next flip of tenant {@code t}: the subscription it flipped down last goes back to counted
     * (renewed a year on), or, when none is down, a random one that is not awaiting repurchase goes
     * from counted to expired. In pairs, so the tenant's count stays put and crosses no threshold.
     */
    private Rec flip(Random r, int t, String tenant, int size, int[] flippedDown, long at) {
        if (flippedDown[t] >= 0) {
            int s = flippedDown[t];
            flippedDown[t] = -1;
            return event(r, tenant, s, "active", true, at, endDate(r).plusYears(1));
        }
        int awaiting = profile(t).awaiting;
        int s = awaiting + r.nextInt(size - awaiting);
        flippedDown[t] = s;
        return event(r, tenant, s, "expired", false, at, pastTermEnd(r));
    }

    private LocalDate endDate(Random r) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(-60 + r.nextInt(425));
    }

    /** A term that ended 1-29 days ago: within the 30 days in which an expired subscription can be repurchased. */
    private LocalDate pastTermEnd(Random r) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(1 + r.nextInt(29));
    }

    private Rec event(Random r, String tenant, int sub, String status, boolean autoRenew, long at, LocalDate end) {
        return event(r, tenant, sub, "CFQ7TTC0LH18:000" + (sub % 5), status, autoRenew, at, end);
    }

    private Rec event(Random r, String tenant, int sub, String offerId, String status, boolean autoRenew, long at,
                      LocalDate end) {
        return event(r, tenant, sub, offerId, status, autoRenew, 1 + sub % 50, at, end);
    }

    /** A subscription event as the contract shapes it; its id drawn from {@code r}. */
    static Rec event(Random r, String tenant, int sub, String offerId, String status, boolean autoRenew, int quantity,
                     long at, LocalDate end) {
        String json = "{\"eventId\":\"" + new UUID(r.nextLong(), r.nextLong()) + "\",\"occurredAt\":\""
                + Instant.ofEpochMilli(at) + "\",\"customerTenantId\":\"" + tenant
                + "\",\"customerCountryCode\":\"DE\",\"channel\":\"" + (sub % 7 == 0 ? "DIRECT" : "CSP")
                + "\",\"partnerTenantId\":\"bf8c56ab-1d2e-4c3f-8a4b-5c6d7e8f9a0b\",\"subscription\":{\"id\":\""
                + subscriptionId(tenant, sub) + "\",\"offerId\":\"" + offerId
                + "\",\"offerName\":\"Microsoft 365 Business Basic\",\"quantity\":" + quantity
                + ",\"status\":\"" + status + "\",\"autoRenewEnabled\":" + autoRenew
                + ",\"effectiveStartDate\":\"2026-01-14T00:00:00Z\",\"commitmentEndDate\":\"" + end
                + "\",\"termDuration\":\"P1Y\",\"billingCycle\":\"monthly\",\"isTrial\":false}}";
        return new Rec("subscription-events", tenant.getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Subscription {@code sub} of {@code tenant}: a GUID, as Partner Center's ids are, made of the
     * tenant's first eight digits and the number, so that it is reproducible and readable.
     */
    static String subscriptionId(String tenant, int sub) {
        return String.format("%s-0000-4000-8000-%012x", tenant.substring(0, 8), sub);
    }

    static Rec request(Random r, String tenant, String transferId, int size, long at) {
        StringBuilder items = new StringBuilder();
        int n = 1 + r.nextInt(Math.min(size, 20));
        for (int i = 0; i < n; i++) {
            items.append(i == 0 ? "" : ",").append("{\"subscriptionId\":\"").append(subscriptionId(tenant, r.nextInt(size)))
                    .append("\"}");
        }
        String json = "{\"transferId\":\"" + transferId + "\",\"requestedAt\":\"" + Instant.ofEpochMilli(at)
                + "\",\"customerTenantId\":\"" + tenant + "\",\"status\":\"REQUESTED\",\"transferType\":\"PARTNER_TO_PARTNER\""
                + ",\"method\":\"" + (r.nextBoolean() ? "DUPLICATE" : "EXPIRE_AND_REPURCHASE")
                + "\",\"targetPartnerTenantId\":\"77aa01c2-3344-4556-8778-99aabbccddee\",\"targetPartnerCountryCode\":\"DE\""
                + ",\"requestedBy\":{\"userId\":\"u-1\",\"role\":\"SALES_AGENT\"},\"delegatedAdminAccess\":false"
                + ",\"lineItems\":[" + items + "]}";
        return new Rec("transfer-requests", tenant.getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8));
    }
}
