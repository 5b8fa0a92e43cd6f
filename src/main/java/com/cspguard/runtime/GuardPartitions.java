package com.cspguard.runtime;

import com.cspguard.topology.config.GuardTopics;
import io.micronaut.configuration.kafka.config.KafkaDefaultConfiguration;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * How many partitions the tenant-guard sub-topology has, which is how many tasks publish an
 * operations view: the most partitions of its three input topics (Kafka Streams makes one task per
 * partition of the largest). A list answer is complete only when it holds that many tasks' views,
 * so the number comes from the cluster, not from the tasks that happen to run. Asked again at most
 * every {@link #REFRESH} (partitions can be added to a topic); until the cluster has answered once
 * it is unknown and no answer is complete.
 */
@Singleton
public class GuardPartitions implements AutoCloseable {
    static final Duration REFRESH = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(GuardPartitions.class);

    private final Properties config;
    private final List<String> inputs;
    private Admin admin;
    private int known;
    private long askedAtNanos;
    private boolean asked;

    public GuardPartitions(KafkaDefaultConfiguration kafka, GuardTopics topics) {
        this.config = new Properties();
        this.config.putAll(kafka.getConfig());
        this.inputs = List.of(topics.subscriptionEvents(), topics.transferRequests(), topics.catalogChanges());
    }

    /** The number of tenant-guard partitions; empty while the cluster has not said. */
    public synchronized OptionalInt count() {
        if (!asked || System.nanoTime() - askedAtNanos > REFRESH.toNanos()) {
            asked = true;
            askedAtNanos = System.nanoTime();
            try {
                if (admin == null) {
                    admin = Admin.create(config);
                }
                Map<String, TopicDescription> described = admin.describeTopics(inputs, new DescribeTopicsOptions().timeoutMs(2_000))
                        .allTopicNames().get(3, TimeUnit.SECONDS);
                int most = 0;
                for (TopicDescription d : described.values()) {
                    most = Math.max(most, d.partitions().size());
                }
                known = most;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                // keep what was known: the count of a topic does not shrink
                LOG.debug("the partitions of {} could not be read: {}", inputs, e.toString());
                asked = known != 0; // unknown: ask again at the next answer
            }
        }
        return known == 0 ? OptionalInt.empty() : OptionalInt.of(known);
    }

    @PreDestroy
    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(1));
            admin = null;
        }
    }
}
