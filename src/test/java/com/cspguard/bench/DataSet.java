package com.cspguard.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * A seeded, realistic data set: tenant sizes drawn so most have 1-20 subscriptions, some 20-150
 * and a few 150-400; every subscription is created, then changes follow (renewals, status and
 * autorenew changes), with transfer requests 1% of all records. End dates spread over the past two months
 * and the next year, so timers fall due.
 */
public final class DataSet {
    public record Rec(String topic, byte[] key, byte[] value) { }

    /** Changes after the creations, per subscription. */
    static final double CHANGES_PER_SUBSCRIPTION = 0.35;
    /** Share of transfer requests among the changes, so that they are 1% of all records. */
    static final double REQUESTS_AMONG_CHANGES = 0.01 * (1 + CHANGES_PER_SUBSCRIPTION) / CHANGES_PER_SUBSCRIPTION;

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

    /** How many distinct subscriptions {@link #generate} creates for these parameters. */
    public static long countSubscriptions(int tenants, long seed) {
        Random r = new Random(seed);
        long total = 0;
        for (int t = 0; t < tenants; t++) {
            total += tenantSize(r);
        }
        return total;
    }

    /** Streams every record, in order, to {@code sink(topic, record)}; returns the count per topic. */
    public long[] generate(BiConsumer<String, Rec> sink) {
        Random r = new Random(seed);
        long events = 0;
        long requests = 0;
        List<String> tenantIds = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (int t = 0; t < tenants; t++) {
            tenantIds.add(new UUID(seed, t).toString());
            sizes.add(tenantSize(r));
        }
        // creations, tenant by tenant interleaved so partitions fill evenly
        int maxSize = sizes.stream().mapToInt(Integer::intValue).max().orElse(0);
        long clock = now.toEpochMilli() - 3_600_000L;
        for (int i = 0; i < maxSize; i++) {
            for (int t = 0; t < tenants; t++) {
                if (i < sizes.get(t)) {
                    sink.accept("subscription-events", event(r, tenantIds.get(t), i, "active", r.nextBoolean(), clock++,
                            endDate(r)));
                    events++;
                }
            }
        }
        // changes: about one per three subscriptions; among them the transfer requests, as many as
        // 1% of all records (until 2026-11-25 they were 1% of the changes only, 0.26% of all records)
        long changes = (long) (sizes.stream().mapToLong(Integer::longValue).sum() * CHANGES_PER_SUBSCRIPTION);
        for (long c = 0; c < changes; c++) {
            int t = r.nextInt(tenants);
            int s = r.nextInt(sizes.get(t));
            if (r.nextDouble() < REQUESTS_AMONG_CHANGES) {
                sink.accept("transfer-requests", request(r, tenantIds.get(t), "t-" + c, sizes.get(t), clock++));
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

    private LocalDate endDate(Random r) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(-60 + r.nextInt(425));
    }

    private Rec event(Random r, String tenant, int sub, String status, boolean autoRenew, long at, LocalDate end) {
        String json = "{\"eventId\":\"" + new UUID(r.nextLong(), r.nextLong()) + "\",\"occurredAt\":\""
                + Instant.ofEpochMilli(at) + "\",\"customerTenantId\":\"" + tenant
                + "\",\"customerCountryCode\":\"DE\",\"channel\":\"" + (sub % 7 == 0 ? "DIRECT" : "CSP")
                + "\",\"partnerTenantId\":\"bf8c56ab-1d2e-4c3f-8a4b-5c6d7e8f9a0b\",\"subscription\":{\"id\":\""
                + tenant.substring(0, 8) + "-sub-" + sub + "\",\"offerId\":\"CFQ7TTC0LH18:000" + (sub % 5)
                + "\",\"offerName\":\"Microsoft 365 Business Basic\",\"quantity\":" + (1 + sub % 50)
                + ",\"status\":\"" + status + "\",\"autoRenewEnabled\":" + autoRenew
                + ",\"effectiveStartDate\":\"2026-01-14T00:00:00Z\",\"commitmentEndDate\":\"" + end
                + "\",\"termDuration\":\"P1Y\",\"billingCycle\":\"monthly\",\"isTrial\":false}}";
        return new Rec("subscription-events", tenant.getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8));
    }

    static Rec request(Random r, String tenant, String transferId, int size, long at) {
        StringBuilder items = new StringBuilder();
        int n = 1 + r.nextInt(Math.min(size, 20));
        for (int i = 0; i < n; i++) {
            items.append(i == 0 ? "" : ",").append("{\"subscriptionId\":\"").append(tenant, 0, 8).append("-sub-")
                    .append(r.nextInt(size)).append("\"}");
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
