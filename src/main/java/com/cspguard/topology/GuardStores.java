package com.cspguard.topology;

import com.cspguard.domain.Offer;
import com.cspguard.domain.OfferCatalog;
import com.cspguard.domain.OpenTransfer;
import com.cspguard.domain.TenantCounts;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Typed access to the task's state stores, one small method per read or write, and the count
 * of writes so the cost of each event can be measured.
 */
public final class GuardStores {
    private static final ValueCodec<SubscriptionState> SUBSCRIPTION = BinaryCodecs.SUBSCRIPTION;
    private static final ValueCodec<TenantCounts> COUNTS = BinaryCodecs.COUNTS;
    private static final JsonSerde<OpenTransfer> TRANSFER = new JsonSerde<>(OpenTransfer.class);
    private static final JsonSerde<AwaitingRepurchase> AWAITING = new JsonSerde<>(AwaitingRepurchase.class);
    private static final JsonSerde<Offer> OFFER = new JsonSerde<>(Offer.class);
    private static final StringSerializer PREFIX = new StringSerializer();

    private final KeyValueStore<String, byte[]> state;
    private final WriteCounter writes = new WriteCounter();
    private final TimerStore timers;

    public GuardStores(ProcessorContext<?, ?> context) {
        this.state = context.getStateStore(StoreNames.STATE);
        KeyValueStore<Bytes, byte[]> timerStore = context.getStateStore(StoreNames.TIMERS);
        this.timers = new TimerStore(timerStore, writes);
    }

    public TimerStore timers() {
        return timers;
    }

    public WriteCounter writes() {
        return writes;
    }

    // --- subscriptions ---------------------------------------------------------------------

    public SubscriptionState subscription(String tenantId, String subscriptionId) {
        return SUBSCRIPTION.read(state.get(StateKeys.subscription(tenantId, subscriptionId)));
    }

    public void putSubscription(String tenantId, SubscriptionState state) {
        this.state.put(StateKeys.subscription(tenantId, state.held().id()), SUBSCRIPTION.write(state));
        writes.add();
    }

    // --- counters --------------------------------------------------------------------------

    public TenantCounts counts(String tenantId) {
        TenantCounts c = COUNTS.read(state.get(StateKeys.counts(tenantId)));
        return c == null ? TenantCounts.empty(tenantId) : c;
    }

    public void putCounts(TenantCounts value) {
        state.put(StateKeys.counts(value.customerTenantId()), COUNTS.write(value));
        writes.add();
    }

    // --- open transfers --------------------------------------------------------------------

    public OpenTransfer transfer(String tenantId, String transferId) {
        return TRANSFER.read(state.get(StateKeys.transfer(tenantId, transferId)));
    }

    public void putTransfer(OpenTransfer open) {
        state.put(StateKeys.transfer(open.request().customerTenantId(), open.request().transferId()), TRANSFER.write(open));
        writes.add();
    }

    public void removeTransfer(String tenantId, String transferId) {
        state.put(StateKeys.transfer(tenantId, transferId), null);
        writes.add();
    }

    /** The tenant's open transfers: a prefix scan, so the cost follows that tenant's open transfers only. */
    public List<OpenTransfer> openTransfers(String tenantId) {
        return readAll(state.prefixScan(StateKeys.transfers(tenantId), PREFIX), TRANSFER);
    }

    /** Every open transfer of this task: only for offer-catalog changes, which are rare. */
    public List<OpenTransfer> allOpenTransfers() {
        return readAll(state.prefixScan(StateKeys.ALL_TRANSFERS, PREFIX), TRANSFER);
    }

    // --- repurchase index ------------------------------------------------------------------

    public void putAwaiting(String tenantId, AwaitingRepurchase entry) {
        state.put(StateKeys.awaiting(tenantId, entry.subscriptionId()), AWAITING.write(entry));
        writes.add();
    }

    public void removeAwaiting(String tenantId, String subscriptionId) {
        state.put(StateKeys.awaiting(tenantId, subscriptionId), null);
        writes.add();
    }

    public List<AwaitingRepurchase> awaiting(String tenantId) {
        return readAll(state.prefixScan(StateKeys.awaitings(tenantId), PREFIX), AWAITING);
    }

    // --- offer catalog ---------------------------------------------------------------------

    public void putOffer(String offerId, Offer offer) {
        state.put(StateKeys.offer(offerId), offer == null ? null : OFFER.write(offer));
        writes.add();
    }

    public OfferCatalog catalog() {
        return id -> Optional.ofNullable(OFFER.read(state.get(StateKeys.offer(id))));
    }

    private static <T> List<T> readAll(KeyValueIterator<String, byte[]> it, ValueCodec<T> serde) {
        List<T> out = new ArrayList<>();
        try (it) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                out.add(serde.read(kv.value));
            }
        }
        return out;
    }
}
