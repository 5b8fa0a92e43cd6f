package com.cspguard.runtime;

import io.micronaut.configuration.kafka.config.KafkaDefaultConfiguration;
import io.micronaut.configuration.kafka.streams.AbstractKafkaStreamsConfiguration;
import jakarta.annotation.PreDestroy;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.MemberToRemove;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.UUID;

/**
 * Makes this instance a static member of the consumer group ({@code group.instance.id}). An
 * instance killed hard and started again rejoins under the same id and gets its partitions back at
 * once; as a dynamic member it would wait for the dead member's session to expire (45 s) first.
 *
 * <p>The id is {@code GUARD_INSTANCE_ID} when set; otherwise one is created at the first start and
 * kept in the state folder, which each instance has for itself, so two instances never share an id
 * and fence each other (unless a state folder is copied to start another instance: then set the
 * variable or delete the file). Set it to {@code none} to stay a dynamic member.
 */
@Singleton
public class StaticMembership implements BeanCreatedEventListener<AbstractKafkaStreamsConfiguration<?, ?>> {
    private static final Logger LOG = LoggerFactory.getLogger(StaticMembership.class);
    static final String FILE = "guard-instance-id";

    private final String configured;
    private final KafkaDefaultConfiguration kafka;
    private volatile String instanceId;
    private volatile String groupId;
    private ScheduledExecutorService remover;

    public StaticMembership(@Value("${guard.instance-id:}") String configured, KafkaDefaultConfiguration kafka) {
        this.configured = configured == null ? "" : configured.trim();
        this.kafka = kafka;
    }

    @Override
    public AbstractKafkaStreamsConfiguration<?, ?> onCreated(BeanCreatedEvent<AbstractKafkaStreamsConfiguration<?, ?>> event) {
        Properties config = event.getBean().getConfig();
        if (configured.equalsIgnoreCase("none")) {
            LOG.info("static group membership off (GUARD_INSTANCE_ID=none)");
            return event.getBean();
        }
        String id = configured.isEmpty()
                ? persistedId(Path.of(config.getProperty(StreamsConfig.STATE_DIR_CONFIG, "./data/streams")))
                : configured;
        // Kafka Streams appends "-<thread number>" for each stream thread's consumer.
        config.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, id);
        instanceId = id;
        groupId = config.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
        LOG.info("static group member '{}'", id);
        return event.getBean();
    }

    /**
     * Takes a dead stream thread's member out of the group. Kafka Streams replaces a failed thread
     * with one of another number, so another member id; the dead one, being static, would keep its
     * partitions until its session expires (45 s), and the replacement would wait that long.
     */
    public synchronized void forgetDeadThread(String threadName) {
        String id = instanceId;
        int at = threadName.lastIndexOf("StreamThread-");
        if (id == null || at < 0) {
            return;
        }
        String member = id + "-" + threadName.substring(at + "StreamThread-".length());
        if (remover == null) {
            remover = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "guard-dead-member-removal");
                t.setDaemon(true);
                return t;
            });
        }
        // Shortly after, so that the dead thread has closed its consumer.
        remover.schedule(() -> remove(member), 500, TimeUnit.MILLISECONDS);
    }

    private void remove(String member) {
        Properties p = new Properties();
        p.putAll(kafka.getConfig());
        try (Admin admin = Admin.create(p)) {
            admin.removeMembersFromConsumerGroup(groupId, new RemoveMembersFromConsumerGroupOptions(
                    List.of(new MemberToRemove(member)))).all().get(30, TimeUnit.SECONDS);
            LOG.info("removed the dead stream thread's member '{}' from group '{}'", member, groupId);
        } catch (Exception e) {
            // It may have left already; otherwise its session expires as usual.
            LOG.info("could not remove member '{}' from group '{}': {}", member, groupId,
                    e.getCause() != null ? e.getCause().toString() : e.toString());
        }
    }

    /**
     * Right before the stream starts: takes this instance's members of a previous run out of the
     * group ({@link PreviousRunMembers}). Usually {@link PreviousRunRelease} did so already at the
     * JVM's start; this catches a cluster that was not reachable then.
     */
    public void removeStaleMembers(Admin admin, int threads, int standbyReplicas) {
        String id = instanceId;
        if (id == null) {
            return;
        }
        try {
            List<String> removed = PreviousRunMembers.remove(admin, groupId, id, threads, standbyReplicas, Duration.ofSeconds(30));
            if (!removed.isEmpty()) {
                LOG.info("removed {} member(s) of this instance's previous run from group '{}'{}", removed.size(), groupId,
                        standbyReplicas > 0 ? " (it did not leave: standbys take its tasks over now)" : "");
            }
        } catch (Exception e) {
            LOG.info("could not look for members of a previous run in group '{}': {}", groupId,
                    e.getCause() != null ? e.getCause().toString() : e.toString());
        }
    }

    @PreDestroy
    public synchronized void close() {
        if (remover != null) {
            remover.shutdownNow();
        }
    }

    /** The id kept in the state folder, created on the first start. */
    static String persistedId(Path stateDir) {
        Path file = stateDir.resolve(FILE);
        try {
            if (Files.exists(file)) {
                String id = Files.readString(file, StandardCharsets.UTF_8).trim();
                if (!id.isEmpty()) {
                    return id;
                }
            }
            Files.createDirectories(stateDir);
            String id = "guard-" + UUID.randomUUID();
            Path tmp = stateDir.resolve(FILE + ".tmp");
            Files.writeString(tmp, id + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the instance id in " + file
                    + " (set GUARD_INSTANCE_ID or make the state folder writable)", e);
        }
    }
}
