package com.cspguard.topology.deadletters;

import org.apache.kafka.streams.StreamsConfig;

import java.util.Map;

/**
 * What the exception handlers read from the Kafka Streams configuration they are created with:
 * the dead-letter topic (Kafka's own {@code errors.dead.letter.queue.topic.name}), the producer's
 * {@code max.request.size}, the processing guarantee and the application id.
 */
record HandlerConfig(String deadLetterTopic, int maxRecordBytes, boolean exactlyOnce, String applicationId) {

    static HandlerConfig from(Map<String, ?> configs) {
        Object topic = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        if (topic == null || topic.toString().isBlank()) {
            throw new IllegalArgumentException(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG
                    + " must name the dead-letter topic for the guard's exception handlers");
        }
        Object size = configs.get(StreamsConfig.producerPrefix("max.request.size"));
        if (size == null) {
            size = configs.get("max.request.size");
        }
        int maxRequestSize = size == null ? RecordSize.DEFAULT_MAX_REQUEST_SIZE : Integer.parseInt(size.toString().trim());
        Object guarantee = configs.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG);
        boolean eos = guarantee != null && guarantee.toString().startsWith("exactly_once");
        Object appId = configs.get(StreamsConfig.APPLICATION_ID_CONFIG);
        return new HandlerConfig(topic.toString(), RecordSize.limitFor(maxRequestSize), eos,
                appId == null ? "" : appId.toString());
    }
}
