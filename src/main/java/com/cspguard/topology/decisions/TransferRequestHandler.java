package com.cspguard.topology.decisions;

import com.cspguard.domain.OpenTransfer;
import com.cspguard.domain.TransferRequest;
import com.cspguard.domain.TransferRequest.TransferStatus;
import com.cspguard.topology.facts.FactStore;
import com.cspguard.topology.indexes.GuardIndexes;
import com.cspguard.topology.indexes.TenantIndex;
import com.cspguard.topology.indexes.TransferSummary;
import com.cspguard.topology.timers.TimerSchedule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;

/**
 * Opens, updates and closes transfer requests. A REQUESTED request is evaluated on arrival and
 * kept open (a fact) with an expiry timer at its maximum age (derived from the fact);
 * WITHDRAWN and COMPLETED close it.
 */
public final class TransferRequestHandler {
    private static final Logger LOG = LoggerFactory.getLogger(TransferRequestHandler.class);

    private final Duration maxAge;
    private final FactStore facts;
    private final GuardIndexes indexes;
    private final TransferDecider decider;

    public TransferRequestHandler(Duration maxAge, FactStore facts, GuardIndexes indexes, TransferDecider decider) {
        this.maxAge = maxAge;
        this.facts = facts;
        this.indexes = indexes;
        this.decider = decider;
    }

    public void handle(TransferRequest request, long nowMillis) {
        String tenantId = request.customerTenantId();
        TenantIndex tenant = indexes.tenantOrNew(tenantId);
        // The index knows which transfers are open: a new one costs no look-up.
        OpenTransfer open = tenant.hasTransfer(request.transferId()) ? facts.transfer(tenantId, request.transferId()) : null;
        if (request.status() != TransferStatus.REQUESTED) {
            if (open != null) {
                close(tenant, open);
                LOG.debug("transfer {} of tenant {} closed as {}", request.transferId(), tenantId, request.status());
            }
            return;
        }
        Instant now = Instant.ofEpochMilli(nowMillis);
        if (open == null) {
            Instant expiresAt = request.requestedAt().plus(maxAge);
            indexes.schedule().add(expiresAt.toEpochMilli(), TimerSchedule.TRANSFER_EXPIRY, tenant.tenantId(),
                    request.transferId());
            tenant.putTransfer(TransferSummary.of(request, expiresAt));
            decider.decide(null, request, tenant, now, expiresAt);
        } else {
            tenant.putTransfer(TransferSummary.of(request, open.expiresAt()));
            decider.decide(open, request, tenant, now, open.expiresAt());
        }
    }

    /** Removes an open transfer; its expiry timer goes stale with it. */
    public void close(TenantIndex tenant, OpenTransfer open) {
        facts.removeTransfer(tenant.tenantId(), open.request().transferId());
        tenant.removeTransfer(open.request().transferId());
        indexes.schedule().retire();
    }
}
