package com.cspguard.topology;

import com.cspguard.domain.OpenTransfer;
import com.cspguard.domain.TenantCounts;
import com.cspguard.domain.TransferRequest;
import com.cspguard.domain.TransferRequest.TransferStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;

/**
 * Opens, updates and closes transfer requests. A REQUESTED request is evaluated on arrival and
 * kept open with a timer that closes it at its maximum age; WITHDRAWN and COMPLETED close it.
 */
public final class TransferRequestHandler {
    private static final Logger LOG = LoggerFactory.getLogger(TransferRequestHandler.class);

    private final GuardSettings settings;
    private final GuardStores stores;
    private final TransferDecider decider;

    public TransferRequestHandler(GuardSettings settings, GuardStores stores, TransferDecider decider) {
        this.settings = settings;
        this.stores = stores;
        this.decider = decider;
    }

    public void handle(TransferRequest request, long nowMillis) {
        String tenant = request.customerTenantId();
        OpenTransfer open = stores.transfer(tenant, request.transferId());
        TenantCounts counts = stores.counts(tenant);
        if (request.status() != TransferStatus.REQUESTED) {
            if (open != null) {
                close(open, counts);
                LOG.debug("transfer {} of tenant {} closed as {}", request.transferId(), tenant, request.status());
            }
            return;
        }
        if (open == null) {
            Instant expiresAt = request.requestedAt().plus(settings.policy().transferMaxAge());
            counts = counts.withOpenTransfers(counts.openTransfers() + 1);
            stores.putCounts(counts);
            stores.timers().schedule(TimerKey.TRANSFER_EXPIRY, StoreNames.key(tenant, request.transferId()),
                    new TimerEntry(tenant, request.transferId(), "TRANSFER_EXPIRY", expiresAt.toEpochMilli(), null));
            decider.decide(null, request, counts, stores.catalog(), Instant.ofEpochMilli(nowMillis), expiresAt);
        } else {
            decider.decide(open, request, counts, stores.catalog(), Instant.ofEpochMilli(nowMillis), open.expiresAt());
        }
    }

    /** Removes an open transfer, its expiry timer and its place in the tenant's count. */
    public void close(OpenTransfer open, TenantCounts counts) {
        String tenant = open.request().customerTenantId();
        stores.removeTransfer(tenant, open.request().transferId());
        stores.timers().cancel(open.expiresAt().toEpochMilli(), TimerKey.TRANSFER_EXPIRY,
                StoreNames.key(tenant, open.request().transferId()));
        stores.putCounts(counts.withOpenTransfers(Math.max(0, counts.openTransfers() - 1)));
    }
}
