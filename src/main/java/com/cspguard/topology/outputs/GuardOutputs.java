package com.cspguard.topology.outputs;

import com.cspguard.domain.Evaluation;
import com.cspguard.domain.Finding;
import com.cspguard.domain.GuardPolicy;
import com.cspguard.domain.HeldSubscription;
import com.cspguard.domain.TenantCounts;
import com.cspguard.domain.TimerType;
import com.cspguard.topology.GuardMetrics;
import com.cspguard.topology.GuardTopics;
import com.cspguard.topology.Routed;
import com.cspguard.wire.OutputJson;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Everything the tenant guard writes to its output topics, keyed by customer tenant id. */
public final class GuardOutputs {
    public static final String ERROR_REASON = "error.reason";
    public static final String ERROR_TOPIC = "error.topic";
    public static final String ERROR_PARTITION = "error.partition";
    public static final String ERROR_OFFSET = "error.offset";

    private final ProcessorContext<byte[], Routed> context;
    private final GuardTopics topics;
    private final GuardPolicy policy;
    private final GuardMetrics metrics;

    public GuardOutputs(ProcessorContext<byte[], Routed> context, GuardTopics topics, GuardPolicy policy,
                        GuardMetrics metrics) {
        this.context = context;
        this.topics = topics;
        this.policy = policy;
        this.metrics = metrics;
    }

    private void send(String topic, String key, Object json, long timestamp) {
        sendBytes(topic, key, OutputJson.bytes(json), timestamp);
    }

    private void sendBytes(String topic, String key, byte[] json, long timestamp) {
        context.forward(new Record<>(key.getBytes(StandardCharsets.UTF_8), new Routed(topic, json),
                timestamp, new RecordHeaders()));
    }

    public void counts(TenantCounts counts, long timestamp) {
        sendBytes(topics.tenantCounts(), counts.customerTenantId(), OutputJson.countsBytes(counts, policy), timestamp);
    }

    public void decision(int revision, Evaluation evaluation, long timestamp) {
        send(topics.transferDecisions(), evaluation.customerTenantId(), OutputJson.decision(revision, evaluation), timestamp);
        metrics.decisionEmitted(evaluation.decision().name());
    }

    public void alert(String alertId, String tenantId, String transferId, Finding finding, Instant raisedAt) {
        send(topics.transferAlerts(), tenantId, OutputJson.alert(alertId, tenantId, transferId, finding, raisedAt),
                raisedAt.toEpochMilli());
    }

    public void timer(String timerId, String tenantId, HeldSubscription held, TimerType type, Instant dueAt, Instant firedAt) {
        send(topics.expiryTimers(), tenantId, OutputJson.timer(timerId, tenantId, held, type, dueAt, firedAt),
                firedAt.toEpochMilli());
        metrics.timerFired(type.name());
    }

    /**
     * Sends a bad input record to the dead-letter topic unchanged: the same key, value and headers,
     * plus {@code error.reason} and where it came from.
     */
    public void deadLetter(Record<byte[], byte[]> bad, String reason) {
        RecordHeaders headers = new RecordHeaders(bad.headers().toArray());
        headers.add(ERROR_REASON, reason.getBytes(StandardCharsets.UTF_8));
        context.recordMetadata().ifPresent(m -> {
            headers.add(ERROR_TOPIC, m.topic().getBytes(StandardCharsets.UTF_8));
            headers.add(ERROR_PARTITION, Integer.toString(m.partition()).getBytes(StandardCharsets.UTF_8));
            headers.add(ERROR_OFFSET, Long.toString(m.offset()).getBytes(StandardCharsets.UTF_8));
        });
        context.forward(new Record<>(bad.key(), new Routed(topics.deadLetters(), bad.value()), bad.timestamp(), headers));
        metrics.deadLettered(context.recordMetadata().map(m -> m.topic()).orElse("unknown"));
    }
}
