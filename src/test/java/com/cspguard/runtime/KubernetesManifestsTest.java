package com.cspguard.runtime;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No cluster runs here, so the manifests of deploy/kubernetes are checked against the code: every
 * variable they set is a documented setting the service reads, the probes ask paths the service
 * serves, the ports agree, and the pod has time to close cleanly.
 */
@SuppressWarnings("unchecked")
class KubernetesManifestsTest {
    private static final Path DIR = Path.of("deploy/kubernetes");
    private static final List<Map<String, Object>> DOCS = new ArrayList<>();

    @BeforeAll
    static void load() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                for (Object doc : new Yaml().loadAll(Files.readString(f))) {
                    if (doc != null) {
                        DOCS.add((Map<String, Object>) doc);
                    }
                }
            }
        }
    }

    private static Map<String, Object> kind(String kind, String name) {
        return DOCS.stream().filter(d -> kind.equals(d.get("kind")) && name.equals(map(d, "metadata").get("name")))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    private static Map<String, Object> map(Map<String, Object> m, String... path) {
        Map<String, Object> at = m;
        for (String p : path) {
            at = (Map<String, Object>) at.get(p);
        }
        return at;
    }

    private static Map<String, Object> statefulSet() {
        return kind("StatefulSet", "csp-transfer-guard");
    }

    private static Map<String, Object> container() {
        return ((List<Map<String, Object>>) map(statefulSet(), "spec", "template", "spec").get("containers")).get(0);
    }

    private static List<Map<String, Object>> env() {
        return (List<Map<String, Object>>) container().get("env");
    }

    private static Map<String, Object> envVar(String name) {
        return env().stream().filter(e -> name.equals(e.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name));
    }

    /** The variable names in the first column of the settings table of docs/operations.md. */
    private static Set<String> documentedSettings() throws IOException {
        String doc = Files.readString(Path.of("docs/operations.md"));
        String table = doc.substring(doc.indexOf("## Settings"), doc.indexOf("\n## ", doc.indexOf("## Settings") + 5));
        Set<String> names = new HashSet<>();
        for (String line : table.split("\n")) {
            if (line.startsWith("| `")) {
                Matcher m = Pattern.compile("`([A-Z0-9_*]+)`").matcher(line.split("\\|")[1]);
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    private static boolean documented(Set<String> settings, String name) {
        return settings.contains(name) || settings.stream()
                .anyMatch(s -> s.endsWith("*") && name.startsWith(s.substring(0, s.length() - 1)));
    }

    @Test
    void everyVariableIsADocumentedSettingTheServiceReads() throws IOException {
        Set<String> settings = documentedSettings();
        String applicationYml = Files.readString(Path.of("src/main/resources/application.yml"));
        String values = env().stream().map(e -> String.valueOf(e.get("value"))).reduce("", String::concat);
        for (Map<String, Object> e : env()) {
            String name = (String) e.get("name");
            if (values.contains("$(" + name + ")")) {
                continue; // a helper the manifest itself uses to build a setting (the pod's name)
            }
            assertThat(documented(settings, name)).as("%s is in the settings table of docs/operations.md", name).isTrue();
            if (name.startsWith("GUARD_") || name.startsWith("MICRONAUT_")) {
                assertThat(applicationYml).as("application.yml reads %s", name).contains("${" + name + ":");
            }
        }
    }

    @Test
    void secretsComeFromTheSecretAndNothingSecretIsWrittenOut() {
        for (String name : List.of("GUARD_JWT_SECRET", "KAFKA_SASL_JAAS_CONFIG")) {
            Map<String, Object> e = envVar(name);
            assertThat(e).as(name).doesNotContainKey("value");
            Map<String, Object> ref = map(e, "valueFrom", "secretKeyRef");
            assertThat(ref.get("name")).isEqualTo("csp-transfer-guard");
            Map<String, Object> secret = kind("Secret", "csp-transfer-guard");
            assertThat(map(secret, "stringData")).containsKey((String) ref.get("key"));
        }
    }

    @Test
    void eachPodAdvertisesItsStableNameThroughTheHeadlessService() {
        Map<String, Object> podName = map(envVar("POD_NAME"), "valueFrom", "fieldRef");
        assertThat(podName.get("fieldPath")).isEqualTo("metadata.name");
        assertThat(envVar("GUARD_INSTANCE_ID").get("value")).isEqualTo("$(POD_NAME)");
        String peers = (String) map(statefulSet(), "spec").get("serviceName");
        Map<String, Object> headless = kind("Service", peers);
        assertThat(map(headless, "spec").get("clusterIP")).isEqualTo("None");
        // peers forward reads to pods that are briefly not ready during a rebalance
        assertThat(map(headless, "spec").get("publishNotReadyAddresses")).isEqualTo(true);
        assertThat((String) envVar("GUARD_APPLICATION_SERVER").get("value"))
                .startsWith("$(POD_NAME)." + peers + ".$(POD_NAMESPACE).svc");
    }

    @Test
    void portsAgreeWithTheServiceSettings() throws IOException {
        String applicationYml = Files.readString(Path.of("src/main/resources/application.yml"));
        Matcher port = Pattern.compile("port: \\$\\{MICRONAUT_SERVER_PORT:(\\d+)}").matcher(applicationYml);
        assertThat(port.find()).isTrue();
        int http = Integer.parseInt(port.group(1));
        Map<String, Object> containerPort = ((List<Map<String, Object>>) container().get("ports")).get(0);
        assertThat(containerPort).containsEntry("name", "http").containsEntry("containerPort", http);
        assertThat(envVar("MICRONAUT_SERVER_PORT").get("value")).isEqualTo(Integer.toString(http));
        assertThat((String) envVar("GUARD_APPLICATION_SERVER").get("value")).endsWith(":" + http);
        assertThat(Files.readString(Path.of("Dockerfile"))).contains("EXPOSE " + http);
        for (Map<String, Object> d : DOCS) {
            if ("Service".equals(d.get("kind"))) {
                for (Map<String, Object> p : (List<Map<String, Object>>) map(d, "spec").get("ports")) {
                    assertThat(p.get("targetPort")).as("target port of %s", map(d, "metadata").get("name")).isIn("http", http);
                }
            }
        }
    }

    @Test
    void probesAskPathsTheServiceServes() throws IOException {
        Map<String, Object> ready = map(container(), "readinessProbe", "httpGet");
        Map<String, Object> live = map(container(), "livenessProbe", "httpGet");
        Map<String, Object> startup = map(container(), "startupProbe", "httpGet");
        assertThat(ready.get("path")).isEqualTo("/health");
        assertThat(live.get("path")).isEqualTo("/health/liveness");
        // the management endpoints the service serves are listed in its OpenAPI addition (and served: AccessIT)
        Map<String, Object> management = new Yaml().load(Files.readString(Path.of("src/main/openapi/management.yml")));
        for (Map<String, Object> probe : List.of(ready, live, startup)) {
            assertThat(map(management, "paths")).containsKey((String) probe.get("path"));
            assertThat(probe.get("port")).isEqualTo("http");
        }
        Map<String, Object> applicationYml = new Yaml().load(Files.readString(Path.of("src/main/resources/application.yml")));
        assertThat(map(applicationYml, "endpoints", "health")).containsEntry("enabled", true).containsEntry("sensitive", false);
    }

    @Test
    void thePodHasTimeToCloseCleanlyAndKeepsItsStateOnItsVolume() {
        int grace = (Integer) map(statefulSet(), "spec", "template", "spec").get("terminationGracePeriodSeconds");
        String close = (String) envVar("GUARD_CLOSE_TIMEOUT").get("value");
        assertThat(grace).isGreaterThan((int) Durations.parse("GUARD_CLOSE_TIMEOUT", close).toSeconds());
        String stateDir = (String) envVar("GUARD_STATE_DIR").get("value");
        List<Map<String, Object>> mounts = (List<Map<String, Object>>) container().get("volumeMounts");
        List<Map<String, Object>> claims = (List<Map<String, Object>>) map(statefulSet(), "spec").get("volumeClaimTemplates");
        String claim = (String) map(claims.get(0), "metadata").get("name");
        assertThat(mounts).anyMatch(m -> claim.equals(m.get("name")) && stateDir.startsWith(m.get("mountPath") + "/"));
    }

    @Test
    void itRunsAsNonRootWithResourcesRequestedAndABudgetForDisruptions() {
        Map<String, Object> pod = map(statefulSet(), "spec", "template", "spec");
        assertThat(map(pod, "securityContext")).containsEntry("runAsNonRoot", true);
        assertThat(map(container(), "securityContext")).containsEntry("allowPrivilegeEscalation", false);
        assertThat(map(container(), "resources", "requests")).containsKeys("cpu", "memory");
        Map<String, Object> labels = map(statefulSet(), "spec", "template", "metadata", "labels");
        Map<String, Object> pdb = kind("PodDisruptionBudget", "csp-transfer-guard");
        assertThat(labels).containsAllEntriesOf(map(pdb, "spec", "selector", "matchLabels"));
        assertThat(map(pdb, "spec")).containsEntry("maxUnavailable", 1);
    }

    @Test
    void theKustomizationAppliesEveryManifestButTheExampleSecret() throws IOException {
        Map<String, Object> k = new Yaml().load(Files.readString(DIR.resolve("kustomization.yaml")));
        try (Stream<Path> files = Files.list(DIR)) {
            List<String> manifests = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml") && !n.contains("example")).sorted().toList();
            assertThat((List<String>) k.get("resources")).containsExactlyInAnyOrderElementsOf(manifests);
        }
    }
}
