package com.cspguard.runtime.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Makes the cluster match {@code topics/}: creates what is missing, reports what it found, and
 * refuses to start on a topic whose partition count differs from its definition, because
 * re-partitioning would move tenants between tasks and split their state. Topics of
 * {@link TopicDefinitions#ANY_PARTITION_COUNT} (the broadcast catalog) are taken with any count.
 */
public final class TopicProvisioner {
    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);

    private final Admin admin;
    private final Optional<Short> replicationFactor;

    public TopicProvisioner(Admin admin, Optional<Short> replicationFactor) {
        this.admin = admin;
        this.replicationFactor = replicationFactor;
    }

    /** What provisioning did with one topic. */
    public enum Outcome { CREATED, FOUND }

    public Map<String, Outcome> provision(List<TopicDefinition> definitions) {
        Set<String> existing = get(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS));
        Map<String, Outcome> result = new java.util.LinkedHashMap<>();
        List<NewTopic> missing = new ArrayList<>();
        for (TopicDefinition d : definitions) {
            if (existing.contains(d.name())) {
                result.put(d.name(), Outcome.FOUND);
            } else {
                missing.add(new NewTopic(d.name(), Optional.of(d.partitions()), replicationFactor).configs(d.topicConfigs()));
                result.put(d.name(), Outcome.CREATED);
            }
        }
        if (!missing.isEmpty()) {
            try {
                admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create topics " + names(missing) + ": " + e.getCause(), e);
                }
            } catch (Exception e) {
                throw new IllegalStateException("cannot create topics " + names(missing) + ": " + e, e);
            }
        }
        Map<String, TopicDescription> described = describeWhenVisible(definitions.stream().map(TopicDefinition::name).toList());
        List<String> mismatches = new ArrayList<>();
        for (TopicDefinition d : definitions) {
            int actual = described.get(d.name()).partitions().size();
            if (actual != d.partitions() && !TopicDefinitions.ANY_PARTITION_COUNT.contains(d.logicalName())) {
                mismatches.add("topic '" + d.name() + "' has " + actual + " partitions but topics/"
                        + d.logicalName() + ".topic.json declares " + d.partitions());
            }
            LOG.info("topic {}: {} ({} partitions, cleanup.policy={})", d.name(),
                    result.get(d.name()) == Outcome.CREATED ? "created" : "found", actual, d.cleanupPolicy());
        }
        if (!mismatches.isEmpty()) {
            throw new IllegalStateException("topic layout differs from its definition; fix the topic or the "
                    + "definition before starting: " + String.join("; ", mismatches));
        }
        return result;
    }

    /** New topics reach the brokers' metadata a moment after creation: wait for them, up to a minute. */
    private Map<String, TopicDescription> describeWhenVisible(List<String> names) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
                if (described.values().stream().allMatch(d -> d.partitions().stream().allMatch(p -> p.leader() != null))) {
                    return described;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw new IllegalStateException("cannot describe topics " + names + ": " + e.getCause(), e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("describing topics " + names + " timed out", e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topics " + names + " have no leader after 60 s");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static String names(List<NewTopic> topics) {
        return topics.stream().map(NewTopic::name).collect(Collectors.joining(", "));
    }

    private interface Call<T> {
        T get() throws Exception;
    }

    private static <T> T get(Call<T> call) {
        try {
            return call.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka admin call failed: " + e, e);
        }
    }
}
