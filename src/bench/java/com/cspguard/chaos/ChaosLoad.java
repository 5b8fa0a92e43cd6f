package com.cspguard.chaos;

import com.cspguard.testdata.SubscriptionEvents;
import com.cspguard.testdata.TransferRequests;
import com.cspguard.wire.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The chaos test's seeded input: subscription snapshots over many tenants with redeliveries of the
 * same eventId (identical, and a few with changed content, which must be ignored too), stale
 * snapshots, transfer requests, an offer catalog, and bad records of {@link BadKind every kind},
 * each marked {@code bad-<n>} at the start of its value so that its dead letter can be found.
 */
public final class ChaosLoad {

    /** One input record; {@code badId} is set for the records that must go to the dead-letter topic. */
    public record Rec(String topic, String key, byte[] value, String badId, BadKind kind) {
        public String text() {
            return new String(value, StandardCharsets.UTF_8);
        }
    }

    /** The kinds of bad record, each of which must end in the dead-letter topic with a reason. */
    public enum BadKind {
        NOT_JSON, TRUNCATED_JSON, MISSING_EVENT_ID, MISSING_SUBSCRIPTION_ID, SUBSCRIPTION_NOT_AN_OBJECT,
        QUANTITY_NOT_A_NUMBER, STATUS_OUT_OF_RANGE, KEY_MISMATCH, MISSING_KEY, OVERSIZED_STRING,
        FAR_FUTURE_INSTANT, EMPTY_LINE_ITEMS_50K, LINE_ITEMS_10K, TRANSFER_NO_LINE_ITEMS, METHOD_OUT_OF_RANGE
    }

    static final String[] STATUSES = {"active", "active", "active", "active", "active", "pending", "suspended",
            "suspended", "expired", "expired", "none", "disabled", "deleted", "deleted"};
    static final int OFFERS = 20;

    private final int events;
    private final int tenants;
    private final int bad;
    private final long seed;
    private final Instant now;
    private final List<BadKind> kinds;

    public ChaosLoad(int events, int tenants, int bad, long seed, Instant now, List<BadKind> kinds) {
        this.events = events;
        this.tenants = tenants;
        this.bad = bad;
        this.seed = seed;
        this.now = now;
        this.kinds = List.copyOf(kinds);
    }

    /**
     * Creates the catalog topic as an operator would, before the service starts: compacted, with
     * {@code partitions} partitions (the service broadcasts the catalog, so any count must do).
     */
    static void createCatalogTopic(Admin admin, int partitions, Duration within) throws Exception {
        admin.createTopics(List.of(new NewTopic("offer-catalog", Optional.of(partitions), Optional.empty())
                .configs(Map.of("cleanup.policy", "compact")))).all().get(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    static String offerId(int i) {
        return String.format("CFQ7TTC0LH%02d:0001", i);
    }

    /** Mutable generator state of one subscription. */
    private static final class Sub {
        final String id;
        final String offer;
        long lastOccurred;
        final List<byte[]> lastApplied = new ArrayList<>();
        String lastEventId;

        Sub(String id, String offer, long start) {
            this.id = id;
            this.offer = offer;
            this.lastOccurred = start;
        }
    }

    private static final class Tenant {
        final String id;
        final List<Sub> subs = new ArrayList<>();
        final List<String> transfers = new ArrayList<>();
        final int size;

        Tenant(String id, int size) {
            this.id = id;
            this.size = size;
        }
    }

    /**
     * The whole load and what the service should make of it, worked out here independently of the
     * service: the bad records by their id, the counts the good subscription events lead to, and the
     * latest soon-due timer instant.
     */
    record Generated(List<Rec> records, Map<String, Rec> badById, ExpectedCounts expected, Instant latestSoon) { }

    /** The load, in order, with its expectation. */
    Generated generateWithExpectation() {
        ExpectedCounts expected = new ExpectedCounts();
        List<Rec> records = new ArrayList<>();
        Map<String, Rec> badById = new HashMap<>();
        Instant latestSoon = generate(r -> {
            records.add(r);
            if (r.badId() != null) {
                badById.put(r.badId(), r);
            } else if (r.topic().equals("subscription-events")) {
                expected.accept(r.key(), r.value());
            }
        });
        return new Generated(records, badById, expected, latestSoon);
    }

    /** Feeds every record, in order, to {@code sink}; returns the latest soon-due timer instant. */
    public Instant generate(Consumer<Rec> sink) {
        Random r = new Random(seed);
        Instant latestSoon = now;
        for (int i = 0; i < OFFERS; i++) {
            ObjectNode o = Json.MAPPER.createObjectNode();
            o.put("offerId", offerId(i));
            o.put("offerName", "Offer " + i);
            o.put("status", i % 7 == 3 ? "DISCONTINUED" : "AVAILABLE");
            o.putArray("equivalentOfferIds").add(offerId((i + 1) % OFFERS));
            sink.accept(new Rec("offer-catalog", offerId(i), bytes(o), null, null));
        }
        List<Tenant> ts = new ArrayList<>();
        for (int t = 0; t < tenants; t++) {
            ts.add(new Tenant(new UUID(seed, t).toString(), 3 + r.nextInt(60)));
        }
        long base = now.toEpochMilli() - 86_400_000L;
        int requests = Math.max(1, events / 99);
        int total = events + requests + bad;
        int badSent = 0;
        int requestsSent = 0;
        int transferSeq = 0;
        for (int n = 0; n < total; n++) {
            int remaining = total - n;
            int left = bad - badSent;
            if (left > 0 && r.nextInt(remaining) < left) {
                sink.accept(badRecord(r, badSent, ts.get(r.nextInt(ts.size())), ts.get(r.nextInt(ts.size())), base));
                badSent++;
                continue;
            }
            int reqLeft = requests - requestsSent;
            Tenant t = ts.get(r.nextInt(ts.size()));
            if (reqLeft > 0 && r.nextInt(remaining - left) < reqLeft && !t.subs.isEmpty()) {
                requestsSent++;
                sink.accept(request(r, t, transferSeq++));
                continue;
            }
            Sub s;
            if (t.subs.size() < t.size && (t.subs.isEmpty() || r.nextInt(4) == 0)) {
                s = new Sub("sub-" + t.id.substring(24) + "-" + t.subs.size(), offerId(r.nextInt(OFFERS)), base + r.nextInt(1000));
                t.subs.add(s);
            } else {
                s = t.subs.get(r.nextInt(t.subs.size()));
            }
            int p = r.nextInt(100);
            if (p < 4 && !s.lastApplied.isEmpty()) {
                // a redelivery: the same bytes again, one of the last few applied
                sink.accept(new Rec("subscription-events", t.id, s.lastApplied.get(r.nextInt(s.lastApplied.size())), null, null));
            } else if (p < 5 && s.lastEventId != null) {
                // the same eventId with other content: a repeat is ignored whatever it says
                long at = s.lastOccurred + 1 + r.nextInt(60_000);
                sink.accept(new Rec("subscription-events", t.id, bytes(snapshot(r, t.id, s, s.lastEventId, at)), null, null));
            } else if (p < 10 && s.lastEventId != null) {
                // a stale snapshot: older than the one held
                long at = s.lastOccurred - 1 - r.nextInt(3_600_000);
                sink.accept(new Rec("subscription-events", t.id,
                        bytes(snapshot(r, t.id, s, UUID.randomUUID().toString(), at)), null, null));
            } else {
                long at = s.lastOccurred + 1 + r.nextInt(600_000);
                String eventId = new UUID(r.nextLong(), r.nextLong()).toString();
                ObjectNode e = snapshot(r, t.id, s, eventId, at);
                String endTime = e.get("subscription").path("commitmentEndDateTime").asText("");
                if (!endTime.isEmpty() && Instant.parse(endTime).isAfter(latestSoon)) {
                    latestSoon = Instant.parse(endTime);
                }
                byte[] value = bytes(e);
                s.lastOccurred = at;
                s.lastEventId = eventId;
                s.lastApplied.add(0, value);
                if (s.lastApplied.size() > 3) {
                    s.lastApplied.remove(3);
                }
                sink.accept(new Rec("subscription-events", t.id, value, null, null));
            }
        }
        return latestSoon;
    }

    private ObjectNode snapshot(Random r, String tenant, Sub s, String eventId, long at) {
        // the draws from r in the order they always had, so a seed makes the same load
        SubscriptionEvents e = SubscriptionEvents.of(tenant, s.id).eventId(eventId).occurredAt(Instant.ofEpochMilli(at))
                .country(r.nextInt(10) == 0 ? "FR" : "DE");
        boolean direct = r.nextInt(20) == 0;
        e.channel(direct ? "DIRECT" : "CSP").heldBy(direct ? null : "partner-1")
                .offer(s.offer).offerName("Offer").quantity(1 + r.nextInt(50)).status(STATUSES[r.nextInt(STATUSES.length)])
                .autoRenew(r.nextBoolean()).effectiveStartDate("2026-01-14T00:00:00Z");
        int p = r.nextInt(100);
        if (p < 3) {
            // ends within the run, so its timers fall due while the chaos goes on
            Instant end = now.plusSeconds(30 + r.nextInt(180));
            e.commitmentEndDate(LocalDate.ofInstant(end, ZoneOffset.UTC).toString()).commitmentEndDateTime(end);
        } else if (p < 18) {
            e.commitmentEndDate(LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(1 + r.nextInt(60)).toString());
        } else {
            e.commitmentEndDate(LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(10 + r.nextInt(400)).toString());
        }
        return e.term("P1Y", "monthly").trial(false).json();
    }

    private Rec request(Random r, Tenant t, int seq) {
        String transferId;
        String status = "REQUESTED";
        if (!t.transfers.isEmpty() && r.nextInt(10) == 0) {
            transferId = t.transfers.get(r.nextInt(t.transfers.size()));
            status = r.nextBoolean() ? "WITHDRAWN" : "COMPLETED";
        } else {
            transferId = "t-" + seq;
            t.transfers.add(transferId);
        }
        ObjectNode q = requestBody(t.id, transferId, status, r);
        ArrayNode items = q.putArray("lineItems");
        int n = 1 + r.nextInt(5);
        for (int i = 0; i < n; i++) {
            ObjectNode item = items.addObject();
            item.put("subscriptionId", r.nextInt(20) == 0 ? "unknown-" + i : t.subs.get(r.nextInt(t.subs.size())).id);
            if (r.nextInt(4) == 0) {
                item.put("targetOfferId", offerId(r.nextInt(OFFERS)));
            }
        }
        return new Rec("transfer-requests", t.id, bytes(q), null, null);
    }

    private ObjectNode requestBody(String tenant, String transferId, String status, Random r) {
        // the draws from r in the order they always had; the callers put their own line items
        return TransferRequests.of(tenant).transferId(transferId).requestedAt(now.minusSeconds(r.nextInt(86_400)))
                .status(status).transferType(r.nextInt(10) == 0 ? "TENANT_TO_TENANT" : "PARTNER_TO_PARTNER")
                .method(r.nextBoolean() ? "DUPLICATE" : "EXPIRE_AND_REPURCHASE").from("partner-1")
                .to("partner-2", r.nextInt(10) == 0 ? "FR" : "DE").by("u-1", r.nextInt(20) == 0 ? "HELPDESK_AGENT" : "SALES_AGENT")
                .delegatedAdminAccess(r.nextBoolean()).json();
    }

    /** Bad record number {@code n}: its kind is n modulo the number of kinds, so every kind occurs. */
    private Rec badRecord(Random r, int n, Tenant t, Tenant other, long base) {
        BadKind kind = kinds.get(n % kinds.size());
        String id = "bad-" + n;
        ObjectNode e = Json.MAPPER.createObjectNode();
        e.put("chaosBadId", id);
        // A subscription of its own, active: if the record were applied, the tenant's count would be off.
        Sub s = new Sub("bad-sub-" + n, offerId(r.nextInt(OFFERS)), base);
        e.setAll(snapshot(r, t.id, s, UUID.randomUUID().toString(), base + r.nextInt(1000)));
        ObjectNode sub = (ObjectNode) e.get("subscription");
        sub.put("status", "active");
        String topic = "subscription-events";
        String key = t.id;
        String text = null;
        switch (kind) {
            case NOT_JSON -> text = id + ": this is not JSON {";
            case TRUNCATED_JSON -> text = e.toString().substring(0, e.toString().length() / 2);
            case MISSING_EVENT_ID -> e.remove("eventId");
            case MISSING_SUBSCRIPTION_ID -> sub.remove("id");
            case SUBSCRIPTION_NOT_AN_OBJECT -> e.put("subscription", "bad-sub-" + n);
            case QUANTITY_NOT_A_NUMBER -> sub.put("quantity", "fifteen");
            case STATUS_OUT_OF_RANGE -> sub.put("status", "frozen");
            case KEY_MISMATCH -> key = other.id.equals(t.id) ? "someone-else" : other.id;
            case MISSING_KEY -> key = null;
            case OVERSIZED_STRING -> sub.put("offerName", "x".repeat(70_000));
            case FAR_FUTURE_INSTANT -> e.put("occurredAt", "+300000000-01-01T00:00:00Z");
            case EMPTY_LINE_ITEMS_50K, LINE_ITEMS_10K, TRANSFER_NO_LINE_ITEMS, METHOD_OUT_OF_RANGE -> {
                topic = "transfer-requests";
                ObjectNode q = Json.MAPPER.createObjectNode();
                q.put("chaosBadId", id);
                q.setAll(requestBody(t.id, "bad-t-" + n, "REQUESTED", r));
                ArrayNode items = q.putArray("lineItems");
                switch (kind) {
                    case EMPTY_LINE_ITEMS_50K -> {
                        for (int i = 0; i < 50_000; i++) {
                            items.addObject();
                        }
                    }
                    case LINE_ITEMS_10K -> {
                        for (int i = 0; i < 10_000; i++) {
                            items.addObject().put("subscriptionId", "s-" + i);
                        }
                    }
                    case METHOD_OUT_OF_RANGE -> {
                        q.put("method", "TELEPORT");
                        items.addObject().put("subscriptionId", "s-1");
                    }
                    default -> { } // no line items
                }
                e = q;
            }
        }
        byte[] value = text != null ? text.getBytes(StandardCharsets.UTF_8) : bytes(e);
        return new Rec(topic, key, value, id, kind);
    }

    private static byte[] bytes(ObjectNode n) {
        return n.toString().getBytes(StandardCharsets.UTF_8);
    }
}
