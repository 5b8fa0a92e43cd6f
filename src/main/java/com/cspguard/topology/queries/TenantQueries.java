package com.cspguard.topology.queries;

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
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The only class that reads the state stores from outside the stream: it finds which instance
 * owns a tenant and answers from this instance's facts (its active copy, or a standby's during a
 * failover; see {@link #localCopy}), as plain records (the HTTP layer makes the JSON), for a
 * {@link Viewer}: a partner sees the counts and only its own subscriptions, timers and transfers.
 * Whether a caller may see a tenant at all is not asked here but of the visibility index
 * ({@link OpsViews#visibleTo}). It never writes. The stream's in-memory
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
        return copyOf(streams.state(), () -> streams.store(parameters(partition)).approximateNumEntries(),
                () -> streams.store(parameters(partition).enableStaleStores()).approximateNumEntries());
    }

    /**
     * The rule of {@link #localCopy}: the active copy answers with authority only while the whole client
     * is RUNNING. During a rebalance an active task's store can still be handed out as active after a
     * fenced or corrupted task was wiped and began restoring again (seen in the scale-out chaos run: a
     * burst of 404s for known tenants from such a copy); read as a stale copy, its "unknown tenant" is
     * final only after the other copies were asked ({@code api.OwnerRouter.pass}).
     */
    static LocalCopy copyOf(KafkaStreams.State client, Runnable readActive, Runnable readStale) {
        if (client == KafkaStreams.State.RUNNING) {
            try {
                readActive.run();
                return LocalCopy.ACTIVE;
            } catch (InvalidStateStoreException notActive) {
                // read below as a stale copy, if there is one
            }
        }
        try {
            readStale.run();
            return LocalCopy.STALE;
        } catch (InvalidStateStoreException none) {
            return LocalCopy.NONE;
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
    private record Facts(List<SubscriptionFact> subscriptions, List<OpenTransfer> transfers, TenantIndex index,
                         OfferCatalog catalog) {
        boolean known() {
            return !subscriptions.isEmpty() || !transfers.isEmpty();
        }
    }

    /**
     * Whose eyes a query answers for: everything (the admin role), or one partner, who in a tenant
     * several partners serve sees the counts and only its own subscriptions and transfers.
     */
    public record Viewer(String partnerTenantId) {
        public static final Viewer EVERYTHING = new Viewer(null);

        public static Viewer partner(String partnerTenantId) {
            return new Viewer(java.util.Objects.requireNonNull(partnerTenantId));
        }

        public boolean seesAll() {
            return partnerTenantId == null;
        }

        /** The subscription is the viewer's: held by its partner. */
        public boolean owns(HeldSubscription held) {
            return seesAll() || partnerTenantId.equalsIgnoreCase(held.partnerTenantId());
        }
    }

    /** A tenant's counts, the customer's name (latest by occurredAt; null when none was reported) and the subscriptions the viewer may see. */
    public record TenantState(TenantCounts counts, String customerName, List<HeldSubscription> subscriptions) {
        public TenantState {
            subscriptions = List.copyOf(subscriptions);
        }
    }

    /** A timer that will fire if nothing changes. */
    public record PendingTimer(String timerId, String subscriptionId, TimerType type, Instant dueAt) { }

    private Facts facts(String tenantId, int partition) {
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
        OfferCatalog catalog = new OfferCatalog() {
            @Override
            public Optional<Offer> find(String offerId) {
                return Optional.ofNullable(OFFER.read(store.get(FactKeys.offer(offerId))));
            }

            /** The offers naming {@code offerId} as their equivalent: a scan of the catalog (every task holds all of it). */
            @Override
            public List<String> offersNaming(String offerId) {
                List<String> out = new ArrayList<>();
                try (KeyValueIterator<String, byte[]> it = store.prefixScan(FactKeys.OFFERS, STRINGS)) {
                    while (it.hasNext()) {
                        Offer o = OFFER.read(it.next().value);
                        if (o != null && o.equivalentOfferIds().contains(offerId)) {
                            out.add(o.offerId());
                        }
                    }
                }
                out.sort(Comparator.naturalOrder());
                return out;
            }
        };
        return new Facts(subs, transfers, TenantIndex.of(tenantId, subs, transfers, settings.policy()), catalog);
    }

    /** The tenant's counts and the viewer's subscriptions of it, or empty when the tenant is unknown. */
    public Optional<TenantState> tenant(String tenantId, int partition, Viewer viewer) {
        Facts facts = facts(tenantId, partition);
        if (!facts.known()) {
            return Optional.empty();
        }
        List<HeldSubscription> subs = new ArrayList<>();
        for (SubscriptionFact s : facts.subscriptions()) {
            if (viewer.owns(s.held())) {
                subs.add(s.held());
            }
        }
        return Optional.of(new TenantState(facts.index().counts(), facts.index().customerName(), subs));
    }

    /**
     * The tenant's open transfers the viewer may see, by transfer id: for a partner those it is the
     * target or the source of, or that move one of its subscriptions.
     */
    public List<OpenTransfer> transfers(String tenantId, int partition, Viewer viewer) {
        Facts facts = facts(tenantId, partition);
        Set<String> own = new HashSet<>();
        for (SubscriptionFact s : facts.subscriptions()) {
            if (viewer.owns(s.held())) {
                own.add(s.id());
            }
        }
        return facts.transfers().stream()
                .filter(t -> viewer.seesAll() || involves(t, viewer.partnerTenantId(), own))
                .sorted(Comparator.comparing(t -> t.request().transferId()))
                .toList();
    }

    private static boolean involves(OpenTransfer t, String partner, Set<String> ownSubscriptions) {
        TransferRequest r = t.request();
        return partner.equalsIgnoreCase(r.targetPartnerTenantId()) || partner.equalsIgnoreCase(r.sourcePartnerTenantId())
                || r.lineItems().stream().anyMatch(i -> ownSubscriptions.contains(i.subscriptionId()));
    }

    /**
     * The pending timers of the viewer's subscriptions, soonest first: each subscription's
     * scheduled timer and the rest of its chain, without the grace timers of a subscription already
     * repurchased.
     */
    public List<PendingTimer> timers(String tenantId, int partition, Viewer viewer) {
        Facts facts = facts(tenantId, partition);
        List<PendingTimer> pending = new ArrayList<>();
        for (SubscriptionFact s : facts.subscriptions()) {
            if (!viewer.owns(s.held())) {
                continue;
            }
            for (TimerType t = s.timerPending() ? s.nextTimer() : null; t != null; t = t.next()) {
                if (t.isGrace() && facts.index().repurchasedAfter(s.offerId(), s.timerTermEnd(), facts.catalog())) {
                    break;
                }
                Instant due = rules.dueAt(t, s.timerTermEnd());
                pending.add(new PendingTimer(Ids.timerId(tenantId, s.id(), t.name(), due.toEpochMilli()), s.id(), t, due));
            }
        }
        pending.sort(Comparator.comparing(PendingTimer::dueAt).thenComparing(PendingTimer::subscriptionId));
        return pending;
    }

    /**
     * The decision the request would get now, from the current state, writing nothing; with the
     * revision it would carry: 1 for a new transfer, the next one when an open transfer's outcome changes.
     */
    public TransferDecision evaluate(TransferRequest request, int partition, Instant now, Viewer viewer) {
        String tenantId = request.customerTenantId();
        ReadOnlyKeyValueStore<String, byte[]> store = store(partition);
        Facts facts = facts(tenantId, partition);
        // another partner's subscription is, for a partner, one the guard does not know
        TenantSnapshot snapshot = TenantSnapshot.forRequest(facts.index().counts(), request, id -> {
            SubscriptionFact s = BinaryCodecs.SUBSCRIPTION.read(store.get(FactKeys.subscription(tenantId, id)));
            return s == null || !viewer.owns(s.held()) ? null : s.held();
        }).withOpenDuplications(facts.index().openDuplications());
        Evaluation e = evaluator.evaluate(snapshot, request, facts.catalog(), now);
        OpenTransfer open = TRANSFER.read(store.get(FactKeys.transfer(tenantId, request.transferId())));
        int revision = open == null ? 1 : open.revision() + (e.outcomeDiffers(open.last()) ? 1 : 0);
        return new TransferDecision(revision, e);
    }

    /**
     * The plan {@code planner} makes for {@code request} from the tenant's current state (counts,
     * the subscriptions the viewer may see, the catalog), writing nothing; empty when the tenant is unknown.
     */
    public Optional<TransferPlan> plan(PlanRequest request, TransferPlanner planner, int partition, Clock clock, Viewer viewer) {
        String tenantId = request.customerTenantId();
        Facts facts = facts(tenantId, partition);
        if (!facts.known()) {
            return Optional.empty();
        }
        Map<String, HeldSubscription> held = new HashMap<>();
        for (SubscriptionFact s : facts.subscriptions()) {
            if (viewer.owns(s.held())) {
                held.put(s.id(), s.held());
            }
        }
        TenantSnapshot tenant = new TenantSnapshot(tenantId, facts.index().counted(), facts.index().countryCode(), held);
        return Optional.of(planner.plan(tenant, request, facts.catalog(), clock));
    }
}
