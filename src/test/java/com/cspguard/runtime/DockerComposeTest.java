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

    @Test
    @SuppressWarnings("unchecked")
    void theServiceKeepsStateInAVolumeAndHasTimeToCloseCleanly() throws IOException {
        Map<String, Object> guard = (Map<String, Object>) ((Map<String, Object>) compose().get("services")).get("guard");
        assertThat((List<String>) guard.get("volumes")).anyMatch(v -> v.endsWith(":/var/lib/csp-transfer-guard"));
        assertThat((String) guard.get("stop_grace_period")).isEqualTo("45s"); // more than the 30 s close timeout
    }
}
