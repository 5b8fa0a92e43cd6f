package com.cspguard.topology.inputs;

import com.cspguard.topology.decisions.TransferDecider;
import com.cspguard.wire.InputLimits;
import com.cspguard.wire.InputParser;
import com.cspguard.wire.ParseResult;
import com.cspguard.domain.HeldSubscription;
import com.cspguard.domain.Offer;
import com.cspguard.topology.facts.FactStore;
import com.cspguard.topology.indexes.GuardIndexes;
import com.cspguard.topology.indexes.TenantIndex;
import com.cspguard.topology.indexes.TransferEntry;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * Keeps this task's copy of the offer catalog (a fact, and its index in memory) and re-evaluates
 * the open transfers that name the changed offer. Catalog changes are rare, so it looks through
 * the task's open transfers.
 */
public final class CatalogChangeHandler implements InputHandler<CatalogChange> {
    private final FactStore facts;
    private final GuardIndexes indexes;
    private final TransferDecider decider;

    public CatalogChangeHandler(FactStore facts, GuardIndexes indexes, TransferDecider decider) {
        this.facts = facts;
        this.indexes = indexes;
        this.decider = decider;
    }

    @Override
    public ParseResult<CatalogChange> parse(byte[] key, byte[] value, InputLimits limits) {
        ParseResult<Offer> parsed = InputParser.offer(key, value, limits);
        if (parsed instanceof ParseResult.Ok<Offer> ok) {
            return new ParseResult.Ok<>(new CatalogChange(new String(key, StandardCharsets.UTF_8), ok.value()));
        }
        return new ParseResult.Bad<>(((ParseResult.Bad<Offer>) parsed).problems());
    }

    @Override
    public void handle(CatalogChange change, long nowMillis) {
        handle(change.offerId(), change.offer(), nowMillis);
    }

    public void handle(String offerId, Offer offer, long nowMillis) {
        facts.putOffer(offerId, offer);
        indexes.catalog().put(offerId, offer);
        Instant now = Instant.ofEpochMilli(nowMillis);
        for (TenantIndex tenant : List.copyOf(indexes.tenants())) {
            for (TransferEntry t : List.copyOf(tenant.transfers())) {
                if (names(t, offerId)) {
                    decider.reevaluate(tenant, t, now);
                }
            }
        }
    }

    /** True when the transfer names the offer as a target or through a subscription it moves. */
    private static boolean names(TransferEntry t, String offerId) {
        for (HeldSubscription held : t.named().values()) {
            if (offerId.equals(held.subscription().offerId())) {
                return true;
            }
        }
        return t.request().lineItems().stream().anyMatch(i -> offerId.equals(i.targetOfferId()));
    }
}
