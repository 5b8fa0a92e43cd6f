package com.cspguard.runtime.kafka;

import com.cspguard.topology.config.GuardTopic;
import java.util.Arrays;

import com.cspguard.wire.Json;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Loads the topic definitions of {@code topics/<name>.topic.json}, shipped inside the jar. */
public final class TopicDefinitions {
    private TopicDefinitions() { }

    /** Every topic of the contract plus the internal catalog broadcast, by their contract names. */
    public static final List<String> LOGICAL_NAMES = GuardTopic.contractNames();

    /** Inputs of the tenant sub-topology: they must be partitioned alike. */
    public static final List<String> CO_PARTITIONED = Arrays.stream(GuardTopic.values())
            .filter(GuardTopic::tenantInput).map(GuardTopic::contractName).toList();

    /**
     * Topics whose partition count does not matter, so a pre-created topic with any count is accepted:
     * the catalog is read by its own sub-topology and every change is copied to each partition of the
     * internal catalog-changes topic, so each tenant task sees the whole catalog whatever its source count.
     */
    public static final Set<String> ANY_PARTITION_COUNT = Set.of("offer-catalog");

    /** Loads all definitions; {@code actualNames} maps a contract name to a configured one. */
    public static List<TopicDefinition> load(Map<String, String> actualNames) {
        List<TopicDefinition> out = new ArrayList<>();
        for (String logical : LOGICAL_NAMES) {
            out.add(load(logical).renamed(actualNames.getOrDefault(logical, logical)));
        }
        checkCoPartitioned(out);
        return out;
    }

    public static TopicDefinition load(String logical) {
        String path = "topics/" + logical + ".topic.json";
        try (InputStream in = TopicDefinitions.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing topic definition " + path);
            }
            JsonNode n = Json.MAPPER.readTree(in);
            Map<String, String> config = new LinkedHashMap<>();
            if (n.has("config")) {
                n.get("config").fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
            }
            if (!logical.equals(n.path("name").asText())) {
                throw new IllegalStateException(path + " names topic '" + n.path("name").asText() + "'");
            }
            int partitions = n.path("partitions").asInt(0);
            if (partitions <= 0) {
                throw new IllegalStateException(path + ": partitions must be a positive number");
            }
            return new TopicDefinition(logical, logical, partitions, n.path("cleanupPolicy").asText("delete"),
                    n.hasNonNull("retentionMs") ? n.get("retentionMs").asLong() : null, config,
                    n.path("description").asText(""));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    static void checkCoPartitioned(List<TopicDefinition> defs) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (TopicDefinition d : defs) {
            if (CO_PARTITIONED.contains(d.logicalName())) {
                counts.put(d.name(), d.partitions());
            }
        }
        if (counts.values().stream().distinct().count() > 1) {
            throw new IllegalStateException("the tenant inputs must have the same number of partitions, but have "
                    + counts);
        }
    }
}
