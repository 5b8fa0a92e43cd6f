package com.cspguard.api;

import com.cspguard.topology.queries.TenantQueries.LocalCopy;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a tenant read is tried, in order: the decision alone, no I/O, so that the failover rules
 * can be tested without a cluster ({@link OwnerRouter} carries the steps out).
 *
 * <p>The running active copy answers with authority, wherever it is. While it is moving (its
 * instance was killed, or it restores, or its thread waits in PARTITIONS_ASSIGNED) the read goes to
 * the instance Kafka Streams names as active (it may already run there), then to the standby
 * copies, this instance's own among them: a standby is at most a commit or two behind, which beats
 * an error. A copy that is not the running active may simply not have caught up with a tenant yet,
 * so its "unknown tenant" is only the last resort: after every other copy was asked, and only once
 * the forward timeout passed without a running active copy answering ({@link OwnerRouter#pass}).
 */
final class ReadRoute {
    private ReadRoute() {
    }

    /** One place to try: this instance's copy, or another instance. */
    record Step(HostInfo host, boolean local, boolean authoritative) {
        static Step here(boolean authoritative) {
            return new Step(null, true, authoritative);
        }

        static Step at(HostInfo host) {
            return new Step(host, false, false);
        }
    }

    /**
     * @param owner     the tenant's key metadata (active host, standby hosts, partition)
     * @param self      this instance's advertised address
     * @param local     the copy of the tenant's partition this instance holds
     * @param forwarded the read was forwarded here by another instance: answer from a local copy or
     *                  not at all (a forwarded read is never forwarded again; the sender tries the next place)
     */
    static List<Step> plan(KeyQueryMetadata owner, HostInfo self, LocalCopy local, boolean forwarded) {
        List<Step> steps = new ArrayList<>();
        if (local == LocalCopy.ACTIVE) {
            steps.add(Step.here(true));
            return steps;
        }
        if (forwarded) {
            if (local == LocalCopy.STALE) {
                steps.add(Step.here(false));
            }
            return steps;
        }
        HostInfo active = owner.activeHost();
        if (usable(active) && !active.equals(self)) {
            steps.add(Step.at(active));
        }
        // This instance's standby is as good as another's and needs no network; a restoring active
        // here is likely further behind than the others' standbys, so it comes last.
        boolean standbyHere = owner.standbyHosts().contains(self);
        if (local == LocalCopy.STALE && standbyHere) {
            steps.add(Step.here(false));
        }
        for (HostInfo standby : owner.standbyHosts()) {
            if (usable(standby) && !standby.equals(self) && !standby.equals(active)) {
                steps.add(Step.at(standby));
            }
        }
        if (local == LocalCopy.STALE && !standbyHere) {
            steps.add(Step.here(false));
        }
        return steps;
    }

    private static boolean usable(HostInfo host) {
        return host != null && !host.equals(HostInfo.unavailable());
    }
}
