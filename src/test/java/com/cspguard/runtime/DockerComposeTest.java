package com.cspguard.runtime;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** No Docker engine runs here, so this checks the compose file's wiring instead of running it. */
class DockerComposeTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> compose() throws IOException {
        return new Yaml().load(Files.readString(Path.of("docker-compose.yml")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theServiceUsesTheBrokerItDeclares() throws IOException {
        Map<String, Object> services = (Map<String, Object>) compose().get("services");
        assertThat(services).containsKeys("kafka", "guard");
        Map<String, Object> kafka = (Map<String, Object>) services.get("kafka");
        Map<String, Object> guard = (Map<String, Object>) services.get("guard");
        assertThat((String) kafka.get("image")).startsWith("apache/kafka:");
        Map<String, Object> kafkaEnv = (Map<String, Object>) kafka.get("environment");
        assertThat(kafkaEnv.get("KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller");

        String bootstrap = (String) ((Map<String, Object>) guard.get("environment")).get("KAFKA_BOOTSTRAP_SERVERS");
        assertThat(bootstrap).isNotBlank();
        String advertised = (String) kafkaEnv.get("KAFKA_ADVERTISED_LISTENERS");
        // the guard's bootstrap address is one the broker advertises, under the broker's service name
        assertThat(List.of(advertised.split(","))).anyMatch(l -> l.endsWith("//" + bootstrap));
        assertThat(bootstrap).startsWith("kafka:");
        assertThat((Map<String, Object>) guard.get("depends_on")).containsKey("kafka");
        assertThat(guard.get("build")).isEqualTo(".");
        assertThat(Path.of("Dockerfile")).exists();
        assertThat(Files.readString(Path.of("Dockerfile"))).contains("ENTRYPOINT").contains("csp-transfer-guard");
    }

    /** The image runs the service on huge pages, heap and malloc both, as the benchmark measured it (docs/operations.md, Sizing). */
    @Test
    void theImageAsksForHugePagesForTheHeapAndForRocksDb() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("Dockerfile"));
        assertThat(lines).contains("ENV GLIBC_TUNABLES=glibc.malloc.hugetlb=1");
        String entrypoint = lines.stream().filter(l -> l.startsWith("ENTRYPOINT")).findFirst().orElseThrow();
        assertThat(entrypoint).contains("\"java\", \"-XX:+UseTransparentHugePages\", \"-jar\"");
        assertThat(Files.readString(Path.of("bench/jvm.sh"))).contains("-XX:+UseTransparentHugePages").contains("glibc.malloc.hugetlb=1");
        for (String script : List.of("bench/run.sh", "bench/async-profile.sh")) {
            assertThat(Files.readString(Path.of(script))).as(script).contains("source bench/jvm.sh").contains("\"${BENCH_JVM_OPTIONS[@]}\"");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theServiceKeepsStateInAVolumeAndHasTimeToCloseCleanly() throws IOException {
        Map<String, Object> guard = (Map<String, Object>) ((Map<String, Object>) compose().get("services")).get("guard");
        assertThat((List<String>) guard.get("volumes")).anyMatch(v -> v.endsWith(":/var/lib/csp-transfer-guard"));
        assertThat((String) guard.get("stop_grace_period")).isEqualTo("45s"); // more than the 30 s close timeout
    }

    @Test
    @SuppressWarnings("unchecked")
    void theScaledProfileRunsThreeInstancesOnAThreeBrokerClusterWithReplicationFactorThree() throws IOException {
        Map<String, Object> services = (Map<String, Object>) compose().get("services");
        List<String> brokers = List.of("kafka-1", "kafka-2", "kafka-3");
        List<String> guards = List.of("guard-1", "guard-2", "guard-3");
        String voters = null;
        for (int n = 1; n <= 3; n++) {
            Map<String, Object> broker = (Map<String, Object>) services.get(brokers.get(n - 1));
            assertThat((List<String>) broker.get("profiles")).containsExactly("scaled");
            Map<String, Object> env = (Map<String, Object>) broker.get("environment");
            assertThat(env.get("KAFKA_NODE_ID")).isEqualTo(n);
            assertThat(String.valueOf(env.get("KAFKA_CONTROLLER_QUORUM_VOTERS"))).contains(n + "@" + brokers.get(n - 1) + ":9093");
            voters = voters == null ? (String) env.get("KAFKA_CONTROLLER_QUORUM_VOTERS") : voters;
            assertThat(env.get("KAFKA_CONTROLLER_QUORUM_VOTERS")).isEqualTo(voters);
            assertThat(env.get("KAFKA_MIN_INSYNC_REPLICAS")).isEqualTo(2);
            assertThat(env.get("KAFKA_DEFAULT_REPLICATION_FACTOR")).isEqualTo(3);
            assertThat(env.get("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR")).isEqualTo(3);
            assertThat(String.valueOf(env.get("KAFKA_ADVERTISED_LISTENERS"))).isEqualTo("PLAINTEXT://" + brokers.get(n - 1) + ":19092");
        }
        String applicationYml = Files.readString(Path.of("src/main/resources/application.yml"));
        java.util.Set<Object> ids = new java.util.HashSet<>();
        java.util.Set<Object> secrets = new java.util.HashSet<>();
        java.util.Set<Object> volumes = new java.util.HashSet<>();
        for (String name : guards) {
            Map<String, Object> guard = (Map<String, Object>) services.get(name);
            assertThat((List<String>) guard.get("profiles")).containsExactly("scaled");
            assertThat((Map<String, Object>) guard.get("depends_on")).containsOnlyKeys(brokers);
            assertThat((String) guard.get("stop_grace_period")).isEqualTo("45s");
            Map<String, Object> env = (Map<String, Object>) guard.get("environment");
            assertThat(List.of(((String) env.get("KAFKA_BOOTSTRAP_SERVERS")).split(",")))
                    .containsExactlyElementsOf(brokers.stream().map(b -> b + ":19092").toList());
            // each instance is reached by the others under its own service name, on the container's port
            assertThat(env.get("GUARD_APPLICATION_SERVER")).isEqualTo(name + ":8080");
            assertThat(env).containsEntry("GUARD_TOPIC_REPLICATION_FACTOR", "3").containsEntry("GUARD_REPLICATION_FACTOR", "3")
                    .containsEntry("GUARD_STANDBY_REPLICAS", "1");
            for (String variable : env.keySet()) {
                if (variable.startsWith("GUARD_")) {
                    assertThat(applicationYml).as("application.yml reads %s", variable).contains("${" + variable + ":");
                }
            }
            ids.add(env.get("GUARD_INSTANCE_ID"));
            secrets.add(env.get("GUARD_JWT_SECRET"));
            volumes.addAll((List<String>) guard.get("volumes"));
        }
        assertThat(ids).as("static member ids differ").hasSize(3);
        assertThat(secrets).as("one JWT secret, so a token is good on every instance (forwarding carries it)").hasSize(1);
        assertThat(volumes).as("each instance its own state volume").hasSize(3)
                .allMatch(v -> ((String) v).endsWith(":/var/lib/csp-transfer-guard"));
        // the default services stay outside the profile: docker compose up runs them as before
        assertThat(((Map<String, Object>) services.get("guard"))).doesNotContainKey("profiles");
    }
}
