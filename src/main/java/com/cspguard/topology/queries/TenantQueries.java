package com.cspguard.topology.queries;

import com.cspguard.domain.Evaluation;
import com.cspguard.domain.Ids;
import com.cspguard.domain.Offer;
import com.cspguard.domain.OfferCatalog;
import com.cspguard.domain.OpenTransfer;
import com.cspguard.domain.TenantSnapshot;
import com.cspguard.domain.TimerRules;
import com.cspguard.domain.TimerType;
import com.cspguard.domain.TransferDecision;
import com.cspguard.domain.TransferEvaluator;
import com.cspguard.domain.TransferRequest;
import com.cspguard.topology.config.GuardSettings;
import com.cspguard.topology.config.StoreNames;
import com.cspguard.topology.facts.BinaryCodecs;
import com.cspguard.topology.facts.FactKeys;
import com.cspguard.topology.facts.JsonSerde;
import com.cspguard.topology.facts.SubscriptionFact;
import com.cspguard.topology.indexes.TenantIndex;
import com.cspguard.domain.HeldSubscription;
import com.cspguard.domain.planning.PlanRequest;
import com.cspguard.domain.planning.TransferPlan;
import com.cspguard.domain.planning.TransferPlanner;
import com.cspguard.wire.Json;
import com.cspguard.wire.OutputJson;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The only class that reads the state stores from outside the stream: it finds which instance
 * owns a tenant and answers from this instance's facts (its active copy, or a standby's during a
 * failover; see {@link #localCopy}). It never writes. The stream's in-memory
 * indexes belong to its thread; a query derives what it needs from the tenant's facts with the same
 * code ({@link TenantIndex}), so both always agree.
 */
public final class TenantQueries {
    private static final JsonSerde<OpenTransfer> TRANSFER = new JsonSerde<>(OpenTransfer.class);
    private static final JsonSerde<Offer> OFFER = new JsonSerde<>(Offer.class);
    private static final StringSerializer STRINGS = new StringSerializer();

    private final KafkaStreams streams;
    private final GuardSettings settings;
    private final TransferEvaluator evaluator;
    private final TimerRules rules;

    public TenantQueries(KafkaStreams streams, GuardSettings settings) {
        this.streams = streams;
        this.settings = settings;
        this.evaluator = new TransferEvaluator(settings.policy());
        this.rules = new TimerRules(settings.policy());
    }

    /** Which instance and partition hold the tenant; NOT_AVAILABLE while rebalancing. */
    public KeyQueryMetadata owner(String tenantId) {
        return streams.queryMetadataForKey(StoreNames.STATE, tenantId, STRINGS);
    }

    /** Which copy of a partition's state this instance holds, as far as reads are concerned. */
    public enum LocalCopy {
        /** the active task, running: its answers are current */
        ACTIVE,
        /** a standby, or an active task still restoring or waiting for its thread: readable, possibly behind */
        STALE,
        /** none, or none that can be read now */
        NONE
    }

    /**
     * The copy of {@code partition} this instance can read now. An active task counts only while
     * its thread is RUNNING; otherwise (restoring, PARTITIONS_ASSIGNED) it is read like a standby.
     */
    public LocalCopy localCopy(int partition) {
        // store() hands out a view that looks the copy up only when read; a cheap read asks now
        try {
            streams.store(parameters(partition)).approximateNumEntries();
            return LocalCopy.ACTIVE;
        } catch (InvalidStateStoreException notActive) {
            try {
                streams.store(parameters(partition).enableStaleStores()).approximateNumEntries();
                return LocalCopy.STALE;
            } catch (InvalidStateStoreException none) {
                return LocalCopy.NONE;
            }
        }
    }

    private static StoreQueryParameters<ReadOnlyKeyValueStore<String, byte[]>> parameters(int partition) {
        return StoreQueryParameters.fromNameAndType(StoreNames.STATE, QueryableStoreTypes.<String, byte[]>keyValueStore())
                .withPartition(partition);
    }

    /**
     * This instance's copy of the partition, whichever it is (stale stores enabled): the active one
     * when it runs here, else a standby or a restoring active. Whether such a copy may answer is
     * the caller's decision ({@link #localCopy}); the API's is {@code api.ReadRoute}.
     */
    private ReadOnlyKeyValueStore<String, byte[]> store(int partition) {
        return streams.store(parameters(partition).enableStaleStores());
    }

    /** One tenant's facts and the index derived from them, read once per query. */
    private record TenantView(List<SubscriptionFact> subscriptions, List<OpenTransfer> transfers, TenantIndex index,
                              OfferCatalog catalog) {
        boolean known() {
            return !subscriptions.isEmpty() || !transfers.isEmpty();
        }
    }

    private TenantView view(String tenantId, int partition) {
        ReadOnlyKeyValueStore<String, byte[]> store = store(partition);
        List<SubscriptionFact> subs = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = store.prefixScan(FactKeys.subscriptions(tenantId), STRINGS)) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                subs.add(BinaryCodecs.SUBSCRIPTION.read(kv.value));
            }
        }
        List<OpenTransfer> transfers = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = store.prefixScan(FactKeys.transfers(tenantId), STRINGS)) {
            while (it.hasNext()) {
                transfers.add(TRANSFER.read(it.next().value));
            }
        }
        OfferCatalog catalog = id -> Optional.ofNullable(OFFER.read(store.get(FactKeys.offer(id))));
        return new TenantView(subs, transfers, TenantIndex.of(tenantId, subs, transfers, settings.policy()), catalog);
    }

    /** The tenant's counts and subscriptions, or empty when the tenant is unknown. */
    public Optional<ObjectNode> tenant(String tenantId, int partition) {
        TenantView view = view(tenantId, partition);
        if (!view.known()) {
            return Optional.empty();
        }
        ObjectNode body = OutputJson.counts(view.index().counts(), settings.policy());
        // additive: the page names the customer (latest name by occurredAt), as the lists do
        body.put("customerName", view.index().customerName());
        ArrayNode subs = body.putArray("subscriptions");
        for (SubscriptionFact s : view.subscriptions()) {
            subs.add(OutputJson.subscriptionSummary(s.held()));
        }
        return Optional.of(body);
    }

    /** The tenant's open transfers, by transfer id, each with its last decision and the decisions before it. */
    public ArrayNode transfers(String tenantId, int partition) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        view(tenantId, partition).transfers().stream()
                .sorted(Comparator.comparing(t -> t.request().transferId()))
                .forEach(t -> out.add(OutputJson.openTransfer(t)));
        return out;
    }

    /**
     * True when the tenant holds a subscription of {@code partnerTenantId} or an open transfer
     * targets it: what a partner may see of a tenant.
     */
    public boolean visibleTo(String tenantId, String partnerTenantId, int partition) {
        TenantView view = view(tenantId, partition);
        return view.subscriptions().stream().anyMatch(s -> partnerTenantId.equalsIgnoreCase(s.held().partnerTenantId()))
                || view.transfers().stream().anyMatch(t -> partnerTenantId.equalsIgnoreCase(t.request().targetPartnerTenantId()));
    }

    /**
     * The tenant's pending timers, soonest first: each subscription's scheduled timer and the rest of
     * its chain, without the grace timers of a subscription already repurchased.
     */
    public ArrayNode timers(String tenantId, int partition) {
        record Pending(String subscriptionId, TimerType type, Instant due) { }
        TenantView view = view(tenantId, partition);
        List<Pending> pending = new ArrayList<>();
        for (SubscriptionFact s : view.subscriptions()) {
            for (TimerType t = s.timerPending() ? s.nextTimer() : null; t != null; t = t.next()) {
                if (t.isGrace() && view.index().repurchasedAfter(s.offerId(), s.timerTermEnd(), view.catalog())) {
                    break;
                }
                pending.add(new Pending(s.id(), t, rules.dueAt(t, s.timerTermEnd())));
            }
        }
        pending.sort(Comparator.comparing(Pending::due).thenComparing(Pending::subscriptionId));
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (Pending p : pending) {
            out.add(OutputJson.pendingTimer(Ids.timerId(tenantId, p.subscriptionId(), p.type().name(),
                    p.due().toEpochMilli()), p.subscriptionId(), p.type(), p.due()));
        }
        return out;
    }

    /**
     * The decision the request would get now, from the current state, writing nothing; with the
     * revision it would carry: 1 for a new transfer, the next one when an open transfer's outcome changes.
     */
    public TransferDecision evaluate(TransferRequest request, int partition, Instant now) {
        String tenantId = request.customerTenantId();
        ReadOnlyKeyValueStore<String, byte[]> store = store(partition);
        TenantView view = view(tenantId, partition);
        TenantSnapshot snapshot = TenantSnapshot.forRequest(view.index().counts(), request, id -> {
            SubscriptionFact s = BinaryCodecs.SUBSCRIPTION.read(store.get(FactKeys.subscription(tenantId, id)));
            return s == null ? null : s.held();
        }).withOpenDuplications(view.index().openDuplications());
        Evaluation e = evaluator.evaluate(snapshot, request, view.catalog(), now);
        OpenTransfer open = TRANSFER.read(store.get(FactKeys.transfer(tenantId, request.transferId())));
        int revision = open == null ? 1 : open.revision() + (e.outcomeDiffers(open.last()) ? 1 : 0);
        return new TransferDecision(revision, e);
    }

    /**
     * The plan {@code planner} makes for {@code request} from the tenant's current state (counts,
     * every subscription it holds, the catalog), writing nothing; empty when the tenant is unknown.
     */
    public Optional<TransferPlan> plan(PlanRequest request, TransferPlanner planner, int partition, Clock clock) {
        String tenantId = request.customerTenantId();
        TenantView view = view(tenantId, partition);
        if (!view.known()) {
            return Optional.empty();
        }
        Map<String, HeldSubscription> held = new HashMap<>();
        for (SubscriptionFact s : view.subscriptions()) {
            held.put(s.id(), s.held());
        }
        TenantSnapshot tenant = new TenantSnapshot(tenantId, view.index().counted(), view.index().countryCode(), held);
        return Optional.of(planner.plan(tenant, request, view.catalog(), clock));
    }
}
