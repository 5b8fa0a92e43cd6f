package com.cspguard.runtime;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.MemberToRemove;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.UnknownMemberIdException;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * This instance's static members of a previous run that are still in the consumer group, and
 * taking them out of it. A previous run's member is still there only when that run ended without
 * leaving (killed, crashed); which of them go is {@link #toRemove}.
 */
final class PreviousRunMembers {
    private PreviousRunMembers() {
    }

    /**
     * Removes them; returns their ids. Throws when the group cannot be described or the removal
     * fails (the caller logs it: the session timeout then removes them as usual).
     */
    static List<String> remove(Admin admin, String groupId, String instanceId, int threads, int standbyReplicas, Duration timeout)
            throws Exception {
        List<String> present;
        try {
            present = admin.describeConsumerGroups(List.of(groupId)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .get(groupId).members().stream()
                    .map(m -> m.groupInstanceId().orElse(""))
                    .toList();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return List.of(); // the first start of the application: no group yet
            }
            throw e;
        }
        List<String> stale = toRemove(present, instanceId, threads, standbyReplicas);
        if (!stale.isEmpty()) {
            try {
                admin.removeMembersFromConsumerGroup(groupId, new RemoveMembersFromConsumerGroupOptions(
                                stale.stream().map(MemberToRemove::new).toList()))
                        .all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                // its session expired between the look and the removal (seen in a scale-out run): gone either way
                if (!(e.getCause() instanceof UnknownMemberIdException)) {
                    throw e;
                }
            }
        }
        return stale;
    }

    /**
     * Of the group's static member ids {@code present}, those of this instance's previous run to remove.
     *
     * <p>Without standby replicas, only those with a thread number this run will not use: after a
     * thread was replaced (number 2 instead of 1) and the instance was then killed, the restart joins
     * as number 1; the old number 2 would otherwise hold its partitions until its session expires.
     * The others are kept, so the restart takes its own partitions back without a rebalance.
     *
     * <p>With standby replicas, every one of them. Under exactly-once the killed run's local state is
     * wiped and restored in full, so taking its partitions back at once would keep them idle for that
     * whole restore while caught-up standbys elsewhere wait. Removed, the group rebalances now and
     * Kafka Streams gives the active tasks to those standbys; this instance gets its share back,
     * warmed up, at a later probing rebalance (docs/reliability.md, "Failover").
     */
    static List<String> toRemove(List<String> present, String instanceId, int threads, int standbyReplicas) {
        List<String> ownThreads = IntStream.rangeClosed(1, threads).mapToObj(i -> instanceId + "-" + i).toList();
        return present.stream()
                .filter(member -> member.startsWith(instanceId + "-"))
                .filter(member -> standbyReplicas > 0 || !ownThreads.contains(member))
                .toList();
    }

    /** The thread numbers of a previous run's members ({@code <instance id>-<n>}). */
    static List<Integer> threadNumbers(List<String> members, String instanceId) {
        return members.stream()
                .filter(member -> member.startsWith(instanceId + "-"))
                .map(member -> member.substring(instanceId.length() + 1))
                .filter(n -> !n.isEmpty() && n.chars().allMatch(Character::isDigit))
                .map(Integer::parseInt)
                .toList();
    }
}
