package com.cspguard.runtime.kafka;

import java.util.Map;

/**
 * One file of {@code topics/}: how a topic must look.
 *
 * @param logicalName the contract's name, which names the files
 * @param name        the actual name, after configuration
 * @param config      further topic configs
 */
public record TopicDefinition(String logicalName, String name, int partitions, String cleanupPolicy,
                              Long retentionMs, Map<String, String> config, String description) {

    public TopicDefinition {
        config = config == null ? Map.of() : Map.copyOf(config);
    }

    /** Every topic config this definition sets. */
    public Map<String, String> topicConfigs() {
        var all = new java.util.TreeMap<>(config);
        all.put("cleanup.policy", cleanupPolicy);
        if (retentionMs != null) {
            all.put("retention.ms", Long.toString(retentionMs));
        }
        return all;
    }

    public TopicDefinition renamed(String actual) {
        return new TopicDefinition(logicalName, actual, partitions, cleanupPolicy, retentionMs, config, description);
    }
}
