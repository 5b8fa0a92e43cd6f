package com.cspguard.topology.inputs;

import com.cspguard.wire.InputLimits;
import com.cspguard.wire.InputParser;
import com.cspguard.wire.ParseResult;
import com.cspguard.topology.decisions.TransferDecider;
import com.cspguard.domain.TransferRequest;
import com.cspguard.domain.TransferRequest.TransferStatus;
import com.cspguard.topology.decisions.OpenTransfers;
import com.cspguard.topology.indexes.GuardIndexes;
import com.cspguard.topology.indexes.TenantIndex;
import com.cspguard.topology.indexes.TransferEntry;
import com.cspguard.topology.indexes.TimerSchedule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Opens, updates and closes transfer requests. A REQUESTED request is evaluated on arrival and
 * kept open (a fact) with an expiry timer at its maximum age (derived from the fact);
 * WITHDRAWN and COMPLETED close it. Opening, changing or closing one DUPLICATE request re-evaluates
 * the tenant's other open requests it competes with.
 */
public final class TransferRequestHandler implements InputHandler<TransferRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(TransferRequestHandler.class);

    private final Duration maxAge;
    private final GuardIndexes indexes;
    private final TransferDecider decider;
    private final OpenTransfers openTransfers;

    public TransferRequestHandler(Duration maxAge, GuardIndexes indexes, TransferDecider decider,
                                  OpenTransfers openTransfers) {
        this.maxAge = maxAge;
        this.indexes = indexes;
        this.decider = decider;
        this.openTransfers = openTransfers;
    }

    @Override
    public ParseResult<TransferRequest> parse(byte[] key, byte[] value, InputLimits limits) {
        return InputParser.transferRequest(key, value, limits);
    }

    @Override
    public void handle(TransferRequest request, long nowMillis) {
        String tenantId = request.customerTenantId();
        TenantIndex tenant = indexes.tenantOrNew(tenantId);
        TransferEntry entry = tenant.transfer(request.transferId());
        Instant now = Instant.ofEpochMilli(nowMillis);
        if (request.status() != TransferStatus.REQUESTED) {
            if (entry != null) {
                openTransfers.close(tenant, entry, now);
                LOG.debug("transfer {} of tenant {} closed as {}", request.transferId(), tenantId, request.status());
            }
            return;
        }
        Map<String, Integer> before = tenant.openDuplications();
        if (entry == null) {
            Instant expiresAt = request.requestedAt().plus(maxAge);
            indexes.schedule().add(expiresAt.toEpochMilli(), TimerSchedule.TRANSFER_EXPIRY, tenant.tenantId(),
                    request.transferId());
            TransferEntry opened = tenant.openTransfer(TransferDecider.unannounced(request, expiresAt));
            decider.loadNamed(opened);
            decider.decide(tenant, opened, now);
        } else {
            entry.requested(request);
            decider.loadNamed(entry);
            decider.decide(tenant, entry, now);
        }
        decider.afterTransfersChanged(tenant, before, request.transferId(), now);
    }
}
