package com.cspguard.topology.facts;

import com.cspguard.domain.Offer;
import com.cspguard.domain.OpenTransfer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.function.BiConsumer;

/**
 * Typed access to the facts in {@code guard-state}, one small method per read or write, each
 * counted so that the cost of an event can be measured. The only changelogged state of the guard.
 */
public final class FactStore {
    private static final ValueCodec<SubscriptionFact> SUBSCRIPTION = BinaryCodecs.SUBSCRIPTION;
    private static final JsonSerde<OpenTransfer> TRANSFER = new JsonSerde<>(OpenTransfer.class);
    private static final JsonSerde<Offer> OFFER = new JsonSerde<>(Offer.class);
    private static final StringSerializer PREFIX = new StringSerializer();

    private final KeyValueStore<String, byte[]> store;
    private final StoreOps ops = new StoreOps();
    /** Which subscription facts the store may hold; complete once a full scan of them has been made. */
    private SubscriptionPresence presence = new SubscriptionPresence();

    public FactStore(KeyValueStore<String, byte[]> store) {
        this.store = store;
    }

    public StoreOps ops() {
        return ops;
    }

    /** The subscription's fact, or null; a subscription the store certainly does not hold costs no read. */
    public SubscriptionFact subscription(String tenantId, String subscriptionId) {
        String key = FactKeys.subscription(tenantId, subscriptionId);
        if (!presence.mayHold(key)) {
            return null;
        }
        ops.read();
        return SUBSCRIPTION.read(store.get(key));
    }

    public void putSubscription(String tenantId, SubscriptionFact fact) {
        ops.write();
        String key = FactKeys.subscription(tenantId, fact.id());
        store.put(key, SUBSCRIPTION.write(fact));
        presence.add(key);
    }

    /** Whether a read of a subscription the store does not hold is answered without the store (for tests). */
    boolean knowsAbsentSubscriptions() {
        return presence.complete();
    }

    public OpenTransfer transfer(String tenantId, String transferId) {
        ops.read();
        return TRANSFER.read(store.get(FactKeys.transfer(tenantId, transferId)));
    }

    public void putTransfer(OpenTransfer open) {
        ops.write();
        store.put(FactKeys.transfer(open.request().customerTenantId(), open.request().transferId()), TRANSFER.write(open));
    }

    public void removeTransfer(String tenantId, String transferId) {
        ops.write();
        // put(null) deletes without reading the old value back, unlike delete().
        store.put(FactKeys.transfer(tenantId, transferId), null);
    }

    public void putOffer(String offerId, Offer offer) {
        ops.write();
        store.put(FactKeys.offer(offerId), offer == null ? null : OFFER.write(offer));
    }

    /**
     * Every subscription fact of this task as far as the indexes need it
     * ({@link BinaryCodecs#SUBSCRIPTION_FOR_INDEXES}), for rebuilding them. Keys come in order, so
     * a tenant's facts come together and share one tenant id String.
     */
    public void forEachSubscription(BiConsumer<String, SubscriptionFact> action) {
        TenantOfKey tenants = new TenantOfKey();
        if (presence.complete()) {
            // every put since the first scan reached the presence: a later scan (the schedule's
            // compaction, the failure envelope's rebuild) need not make it again
            scan(FactKeys.SUBSCRIPTIONS, (key, bytes) ->
                    action.accept(tenants.of(key), BinaryCodecs.SUBSCRIPTION_FOR_INDEXES.read(bytes)));
            return;
        }
        // The first full scan fills the presence (a put during it too); it holds every key, and is
        // complete, only once the scan ends. A scan that fails leaves it incomplete: every key may be held.
        presence = SubscriptionPresence.forScan(store.approximateNumEntries());
        scan(FactKeys.SUBSCRIPTIONS, (key, bytes) -> {
            presence.add(key);
            action.accept(tenants.of(key), BinaryCodecs.SUBSCRIPTION_FOR_INDEXES.read(bytes));
        });
        presence.completed();
    }

    /** Every open transfer of this task. */
    public void forEachTransfer(BiConsumer<String, OpenTransfer> action) {
        TenantOfKey tenants = new TenantOfKey();
        scan(FactKeys.TRANSFERS, (key, bytes) -> action.accept(tenants.of(key), TRANSFER.read(bytes)));
    }

    /** Every offer of the catalog. */
    public void forEachOffer(BiConsumer<String, Offer> action) {
        scan(FactKeys.OFFERS, (key, bytes) -> action.accept(key.substring(FactKeys.OFFERS.length()), OFFER.read(bytes)));
    }

    private void scan(String prefix, BiConsumer<String, byte[]> action) {
        try (KeyValueIterator<String, byte[]> it = store.prefixScan(prefix, PREFIX)) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                action.accept(kv.key, kv.value);
            }
        }
    }

    /** The tenant part of {@code X|tenant|id}, the previous key's String again while it is the same tenant. */
    static final class TenantOfKey {
        private String last = "";

        String of(String key) {
            int end = key.indexOf('|', 2);
            if (end - 2 != last.length() || !key.regionMatches(2, last, 0, last.length())) {
                last = key.substring(2, end);
            }
            return last;
        }
    }
}
