package com.cspguard.topics;

import com.cspguard.runtime.kafka.TopicDefinition;
import com.cspguard.runtime.kafka.TopicDefinitions;
import com.cspguard.topology.config.GuardTopics;
import com.cspguard.wire.InputParser;
import com.cspguard.wire.Json;
import com.cspguard.wire.ParseResult;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The files of topics/: complete, samples valid against their schemas and readable by the code. */
class TopicFilesTest {
    private static final Path TOPICS = Path.of("topics");
    private static final List<String> INPUTS = List.of("subscription-events", "transfer-requests", "offer-catalog");

    static List<String> topics() {
        return TopicDefinitions.LOGICAL_NAMES;
    }

    private static JsonNode read(String file) throws IOException {
        return Json.MAPPER.readTree(TOPICS.resolve(file).toFile());
    }

    private static JsonSchema schema(String topic) throws IOException {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(read(topic + ".schema.json"), config);
    }

    @Test
    void everyTopicOfTheContractHasItsFiles() throws IOException {
        GuardTopics defaults = GuardTopics.defaults();
        assertThat(topics()).containsExactlyInAnyOrder(defaults.subscriptionEvents(), defaults.transferRequests(),
                defaults.offerCatalog(), defaults.catalogChanges(), defaults.transferDecisions(), defaults.transferAlerts(),
                defaults.expiryTimers(), defaults.tenantCounts(), defaults.deadLetters());
        try (var files = Files.list(TOPICS)) {
            assertThat(files.count()).isEqualTo(3L * topics().size());
        }
        for (String t : topics()) {
            assertThat(TOPICS.resolve(t + ".topic.json")).exists();
            assertThat(TOPICS.resolve(t + ".schema.json")).exists();
            assertThat(read(t + ".samples.json")).as(t).isNotEmpty();
        }
    }

    @Test
    void definitionsLoadWithSaneValues() {
        List<TopicDefinition> defs = TopicDefinitions.load(Map.of());
        for (TopicDefinition d : defs) {
            assertThat(d.partitions()).as(d.name()).isPositive();
            assertThat(d.cleanupPolicy()).as(d.name()).isIn("delete", "compact", "compact,delete");
        }
        TopicDefinition counts = defs.stream().filter(d -> d.name().equals("tenant-subscription-counts")).findFirst().orElseThrow();
        assertThat(counts.topicConfigs()).containsEntry("cleanup.policy", "compact");
        TopicDefinition catalog = defs.stream().filter(d -> d.name().equals("offer-catalog")).findFirst().orElseThrow();
        assertThat(catalog.cleanupPolicy()).isEqualTo("compact");
    }

    @Test
    void renamedTopicsKeepTheirDefinition() {
        List<TopicDefinition> defs = TopicDefinitions.load(Map.of("subscription-events", "prod.subscription-events"));
        assertThat(defs).extracting(TopicDefinition::name).contains("prod.subscription-events")
                .doesNotContain("subscription-events");
    }

    @ParameterizedTest
    @MethodSource("topics")
    void samplesMatchTheirSchema(String topic) throws IOException {
        JsonSchema schema = schema(topic);
        for (JsonNode sample : read(topic + ".samples.json")) {
            Set<ValidationMessage> errors = schema.validate(sample.get("value"));
            assertThat(errors).as(topic + " sample " + sample).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("topics")
    void samplesAreKeyedByTenantOrOffer(String topic) throws IOException {
        for (JsonNode sample : read(topic + ".samples.json")) {
            JsonNode value = sample.get("value");
            String id = value.has("customerTenantId") ? value.get("customerTenantId").asText() : value.path("offerId").asText();
            assertThat(sample.get("key").asText()).as(topic).isEqualTo(id);
        }
    }

    @ParameterizedTest
    @MethodSource("topics")
    void aSampleMissingARequiredFieldFailsTheSchema(String topic) throws IOException {
        JsonNode schemaNode = read(topic + ".schema.json");
        if (!schemaNode.has("required")) {
            return; // the dead-letter topic takes any bytes
        }
        JsonSchema schema = schema(topic);
        for (JsonNode required : schemaNode.get("required")) {
            ObjectNode broken = read(topic + ".samples.json").get(0).get("value").deepCopy();
            broken.remove(required.asText());
            assertThat(schema.validate(broken)).as(topic + " without " + required).isNotEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("inputs")
    void inputSamplesAreAcceptedByTheCodeAndBrokenOnesRejected(String topic) throws IOException {
        JsonSchema schema = schema(topic);
        for (JsonNode sample : read(topic + ".samples.json")) {
            byte[] key = sample.get("key").asText().getBytes(StandardCharsets.UTF_8);
            byte[] value = Json.MAPPER.writeValueAsBytes(sample.get("value"));
            assertThat(parse(topic, key, value)).as(topic + " " + sample).isInstanceOf(ParseResult.Ok.class);
        }
        // The code and the schema agree on what is required.
        for (JsonNode required : read(topic + ".schema.json").get("required")) {
            ObjectNode broken = read(topic + ".samples.json").get(0).get("value").deepCopy();
            broken.remove(required.asText());
            assertThat(schema.validate(broken)).isNotEmpty();
            ParseResult<?> parsed = parse(topic, read(topic + ".samples.json").get(0).get("key").asText()
                    .getBytes(StandardCharsets.UTF_8), Json.MAPPER.writeValueAsBytes(broken));
            assertThat(parsed).as(topic + " without " + required).isInstanceOf(ParseResult.Bad.class);
        }
    }

    @ParameterizedTest
    @MethodSource("inputs")
    void enumValuesInAnyCaseAreValidForSchemaAndCode(String topic) throws IOException {
        JsonSchema schema = schema(topic);
        JsonNode sample = read(topic + ".samples.json").get(0);
        ObjectNode lower = lowerCaseEnums(sample.get("value").deepCopy());
        assertThat(schema.validate(lower)).isEmpty();
        assertThat(parse(topic, sample.get("key").asText().getBytes(StandardCharsets.UTF_8),
                Json.MAPPER.writeValueAsBytes(lower))).isInstanceOf(ParseResult.Ok.class);
    }

    static List<String> inputs() {
        return INPUTS;
    }

    private static ObjectNode lowerCaseEnums(ObjectNode value) {
        for (String field : List.of("channel", "status", "transferType", "method")) {
            if (value.has(field)) {
                value.put(field, value.get(field).asText().toLowerCase());
            }
        }
        if (value.has("subscription")) {
            ObjectNode sub = (ObjectNode) value.get("subscription");
            sub.put("status", sub.get("status").asText().toUpperCase());
        }
        return value;
    }

    private static ParseResult<?> parse(String topic, byte[] key, byte[] value) {
        return switch (topic) {
            case "subscription-events" -> InputParser.subscriptionEvent(key, value);
            case "transfer-requests" -> InputParser.transferRequest(key, value);
            case "offer-catalog" -> InputParser.offer(key, value);
            default -> throw new IllegalArgumentException(topic);
        };
    }

    @Test
    void outputSamplesUseOnlyFieldsTheCodeWrites() throws IOException {
        // The code's output for the same inputs has exactly the sample's field names.
        List<String> missing = new ArrayList<>();
        for (String topic : List.of("transfer-decisions", "transfer-alerts", "expiry-timers", "tenant-subscription-counts")) {
            JsonNode schema = read(topic + ".schema.json");
            Iterator<String> names = schema.get("properties").fieldNames();
            while (names.hasNext()) {
                String field = names.next();
                if (!OutputFieldNames.of(topic).contains(field)) {
                    missing.add(topic + "." + field);
                }
            }
        }
        assertThat(missing).isEmpty();
    }
}
