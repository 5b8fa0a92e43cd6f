package com.cspguard.it;

import com.cspguard.runtime.PreviousRunRelease;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * At the JVM's start, a restart takes the members its killed run left in the group out of it
 * (with standby replicas), so the survivors rebalance while the service is still starting; without
 * standbys it keeps its own thread's member and takes its partitions back without a rebalance.
 */
class PreviousRunReleaseIT {
    @RegisterExtension
    final GuardIntegration it = GuardIntegration.broker();
    private KafkaTestSupport kafka;
    private final String topic = "release-" + UUID.randomUUID();

    @Test
    void withStandbysTheKilledRunsMemberIsRemovedBeforeTheServiceStarts() throws Exception {
        String group = "release-" + UUID.randomUUID();
        leaveAStaticMemberBehind(group, "guard-a-1");
        leaveAStaticMemberBehind(group, "guard-b-1");

        PreviousRunRelease.beforeStart(args(group, "guard-a", 1));

        assertThat(members(group)).containsExactly("guard-b-1");
    }

    @Test
    void underExactlyOnceTheTransactionTheKilledRunLeftOpenIsEnded(@TempDir Path state)
            throws Exception {
        String group = "release-" + UUID.randomUUID();
        leaveAStaticMemberBehind(group, "guard-a-1");
        assertTheOpenTransactionIsEnded(group, state);
        assertThat(members(group)).isEmpty();
    }

    @Test
    void theTransactionIsEndedAlsoWhenTheKilledRunsMemberHasExpiredAlready(@TempDir Path state)
            throws Exception {
        // a restart slower than the session timeout finds no member, but the transaction is still open
        assertTheOpenTransactionIsEnded("release-" + UUID.randomUUID(), state);
    }

    private void assertTheOpenTransactionIsEnded(String group, Path state) throws Exception {
        String process = UUID.randomUUID().toString();
        Files.createDirectories(state.resolve(group));
        Files.writeString(state.resolve(group).resolve("kafka-streams-process-metadata"),
                "{\"processId\":\"" + process + "\"}");
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, group + "-" + process + "-1");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        TopicPartition partition = new TopicPartition(topic, 0);
        // the killed run's producer: a transaction begun and never ended (the producer is only closed after the check)
        try (KafkaProducer<String, String> killed = new KafkaProducer<>(p)) {
            killed.initTransactions();
            killed.beginTransaction();
            killed.send(new ProducerRecord<>(topic, "k", "v")).get();
            assertThat(stableEnd(partition)).isLessThan(end(partition)); // held by the open transaction

            String[] args = args(group, "guard-a", 1);
            String[] withState = Arrays.copyOf(args, args.length + 1);
            withState[args.length] = "--kafka.streams.default.state.dir=" + state;
            PreviousRunRelease.beforeStart(withState);

            assertThat(stableEnd(partition)).isEqualTo(end(partition)); // aborted: nothing held any more
        } catch (ProducerFencedException expectedAtClose) {
            // the fenced producer may say so when closed
        }
    }

    @Test
    void withoutStandbysTheRestartKeepsItsOwnThreadsMemberAndDropsOnlyOnesItWillNotUse() throws Exception {
        String group = "release-" + UUID.randomUUID();
        leaveAStaticMemberBehind(group, "guard-a-1");
        leaveAStaticMemberBehind(group, "guard-a-2");

        PreviousRunRelease.beforeStart(args(group, "guard-a", 0));

        assertThat(members(group)).containsExactly("guard-a-1");
    }

    @Test
    void aDynamicMemberConfigurationRemovesNothing() throws Exception {
        String group = "release-" + UUID.randomUUID();
        leaveAStaticMemberBehind(group, "none-1");
        String[] args = args(group, "none", 1);

        PreviousRunRelease.beforeStart(args);

        assertThat(members(group)).containsExactly("none-1");
    }

    @Test
    void anUnreachableClusterDoesNotStopTheStart() {
        long t0 = System.nanoTime();
        PreviousRunRelease.beforeStart(new String[] {"--kafka.bootstrap.servers=127.0.0.1:1", "--guard.instance-id=guard-a",
                "--kafka.streams.default.num.standby.replicas=1"});
        // it gives up after its own short timeout instead of holding the start
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(30));
    }

    @BeforeEach
    void topic() throws Exception {
        try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
    }

    private String[] args(String group, String instanceId, int standbys) {
        return new String[] {"--kafka.bootstrap.servers=" + kafka.bootstrap(), "--guard.instance-id=" + instanceId,
                "--kafka.streams.default.application.id=" + group,
                "--kafka.streams.default.num.standby.replicas=" + standbys};
    }

    /** A static member that joins and then ends without leaving, as a killed run's member does. */
    private void leaveAStaticMemberBehind(String group, String instanceId) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId);
        p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 300_000); // stays in the group for the whole test
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(topic));
            // a member once it has joined: the second one's rebalance waits for the first, which never comes back
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200));
                return members(group).contains(instanceId);
            });
        } // a static member's close does not leave the group
    }

    private long end(TopicPartition partition) throws Exception {
        return offset(partition, IsolationLevel.READ_UNCOMMITTED);
    }

    /** The last stable offset: where a read_committed reader (and an exactly-once task's start) must stop. */
    private long stableEnd(TopicPartition partition) throws Exception {
        return offset(partition, IsolationLevel.READ_COMMITTED);
    }

    private long offset(TopicPartition partition, IsolationLevel isolation) throws Exception {
        try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap()))) {
            return admin.listOffsets(Map.of(partition, OffsetSpec.latest()),
                            new ListOffsetsOptions(isolation))
                    .partitionResult(partition).get().offset();
        }
    }

    private List<String> members(String group) throws Exception {
        try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap()))) {
            return admin.describeConsumerGroups(List.of(group)).all().get().get(group).members().stream()
                    .map(MemberDescription::groupInstanceId).map(id -> id.orElse("")).sorted().toList();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return List.of(); // nobody has joined yet
            }
            throw e;
        }
    }
}
