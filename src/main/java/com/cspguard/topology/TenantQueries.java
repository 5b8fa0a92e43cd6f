package com.cspguard.topology;

import com.cspguard.domain.Evaluation;
import com.cspguard.domain.Ids;
import com.cspguard.domain.Offer;
import com.cspguard.domain.OfferCatalog;
import com.cspguard.domain.OpenTransfer;
import com.cspguard.domain.TenantCounts;
import com.cspguard.domain.TenantSnapshot;
import com.cspguard.domain.TimerRules;
import com.cspguard.domain.TimerType;
import com.cspguard.domain.TransferDecision;
import com.cspguard.domain.TransferEvaluator;
import com.cspguard.domain.TransferRequest;
import com.cspguard.wire.Json;
import com.cspguard.wire.OutputJson;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The only class that reads the state stores from outside the stream: it finds which instance
 * owns a tenant and answers from this instance's stores. It never writes.
 */
public final class TenantQueries {
    private static final ValueCodec<SubscriptionState> SUBSCRIPTION = BinaryCodecs.SUBSCRIPTION;
    private static final ValueCodec<TenantCounts> COUNTS = BinaryCodecs.COUNTS;
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

    private ReadOnlyKeyValueStore<String, byte[]> store(String name, int partition) {
        return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, byte[]>keyValueStore())
                .withPartition(partition));
    }

    /** The tenant's counts and subscriptions, or empty when the tenant is unknown. */
    public Optional<ObjectNode> tenant(String tenantId, int partition) {
        TenantCounts counts = COUNTS.read(store(StoreNames.STATE, partition).get(StateKeys.counts(tenantId)));
        if (counts == null) {
            return Optional.empty();
        }
        ObjectNode body = OutputJson.counts(counts, settings.policy());
        ArrayNode subs = body.putArray("subscriptions");
        for (SubscriptionState s : subscriptions(tenantId, partition)) {
            subs.add(OutputJson.subscriptionSummary(s.held()));
        }
        return Optional.of(body);
    }

    /** The tenant's pending timers, soonest first: each subscription's stored timer and the rest of its chain. */
    public ArrayNode timers(String tenantId, int partition) {
        record Pending(String subscriptionId, TimerType type, Instant due) { }
        List<Pending> pending = new ArrayList<>();
        for (SubscriptionState s : subscriptions(tenantId, partition)) {
            for (TimerType t = s.nextTimer(); t != null; t = t.next()) {
                if (t.isGrace() && s.held().repurchased()) {
                    break;
                }
                pending.add(new Pending(s.held().id(), t, rules.dueAt(t, s.timerTermEnd())));
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
        ReadOnlyKeyValueStore<String, byte[]> state = store(StoreNames.STATE, partition);
        TenantCounts stored = COUNTS.read(state.get(StateKeys.counts(tenantId)));
        TenantCounts counts = stored == null ? TenantCounts.empty(tenantId) : stored;
        TenantSnapshot snapshot = TenantSnapshot.forRequest(counts, request, id -> {
            SubscriptionState s = SUBSCRIPTION.read(state.get(StateKeys.subscription(tenantId, id)));
            return s == null ? null : s.held();
        });
        OfferCatalog catalog = id -> Optional.ofNullable(OFFER.read(state.get(StateKeys.offer(id))));
        Evaluation e = evaluator.evaluate(snapshot, request, catalog, now);
        OpenTransfer open = TRANSFER.read(state.get(StateKeys.transfer(tenantId, request.transferId())));
        int revision = open == null ? 1 : open.revision() + (e.outcomeDiffers(open.last()) ? 1 : 0);
        return new TransferDecision(revision, e);
    }

    /**
     * True when the partner may see the tenant: one of the tenant's subscriptions is held by it
     * ({@code partnerTenantId}) or an open transfer of the tenant targets it. Ids compare without
     * regard to case, as Entra and Partner Center write GUIDs in either.
     */
    public boolean visibleTo(String tenantId, String partnerId, int partition) {
        ReadOnlyKeyValueStore<String, byte[]> state = store(StoreNames.STATE, partition);
        try (KeyValueIterator<String, byte[]> it = state.prefixScan(StateKeys.subscriptions(tenantId), STRINGS)) {
            while (it.hasNext()) {
                if (partnerId.equalsIgnoreCase(SUBSCRIPTION.read(it.next().value).held().partnerTenantId())) {
                    return true;
                }
            }
        }
        try (KeyValueIterator<String, byte[]> it = state.prefixScan(StateKeys.transfers(tenantId), STRINGS)) {
            while (it.hasNext()) {
                if (partnerId.equalsIgnoreCase(TRANSFER.read(it.next().value).request().targetPartnerTenantId())) {
                    return true;
                }
            }
        }
        return false;
    }

    private List<SubscriptionState> subscriptions(String tenantId, int partition) {
        List<SubscriptionState> out = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = store(StoreNames.STATE, partition)
                .prefixScan(StateKeys.subscriptions(tenantId), STRINGS)) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                out.add(SUBSCRIPTION.read(kv.value));
            }
        }
        return out;
    }
}
