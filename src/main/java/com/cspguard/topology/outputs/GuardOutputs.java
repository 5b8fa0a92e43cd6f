package com.cspguard.topology.outputs;

import com.cspguard.domain.Evaluation;
import com.cspguard.domain.Finding;
import com.cspguard.domain.GuardPolicy;
import com.cspguard.domain.HeldSubscription;
import com.cspguard.domain.TenantCounts;
import com.cspguard.domain.TimerType;
import com.cspguard.topology.config.GuardMetrics;
import com.cspguard.topology.config.GuardSettings;
import com.cspguard.topology.config.GuardTopics;
import com.cspguard.topology.config.Routed;
import com.cspguard.topology.deadletters.DeadLetterRecord;
import com.cspguard.topology.deadletters.OutputTooLargeException;
import com.cspguard.topology.deadletters.RecordSize;
import com.cspguard.wire.OutputJson;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Everything the tenant guard writes to its output topics, keyed by customer tenant id. No record
 * over {@code maxRecordBytes} is forwarded: the producer would refuse it and, under exactly-once,
 * abort the whole transaction; an {@link OutputTooLargeException} is thrown instead.
 */
public final class GuardOutputs {
    public static final String ERROR_REASON = DeadLetterRecord.ERROR_REASON;
    public static final String ERROR_TOPIC = DeadLetterRecord.ERROR_TOPIC;
    public static final String ERROR_PARTITION = DeadLetterRecord.ERROR_PARTITION;
    public static final String ERROR_OFFSET = DeadLetterRecord.ERROR_OFFSET;

    private final ProcessorContext<byte[], Routed> context;
    private final GuardTopics topics;
    private final GuardPolicy policy;
    private final GuardMetrics metrics;
    private final int maxRecordBytes;
    private long forwarded;

    public GuardOutputs(ProcessorContext<byte[], Routed> context, GuardSettings settings, GuardMetrics metrics) {
        this.context = context;
        this.topics = settings.topics();
        this.policy = settings.policy();
        this.metrics = metrics;
        this.maxRecordBytes = settings.maxOutputBytes();
    }

    /** How many records were forwarded so far: the processor tells from it whether a failed record sent anything. */
    public long forwarded() {
        return forwarded;
    }

    private void send(String topic, String key, Object json, long timestamp) {
        sendBytes(topic, key, OutputJson.bytes(json), timestamp);
    }

    private void sendBytes(String topic, String key, byte[] json, long timestamp) {
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        long size = RecordSize.of(keyBytes, json, null);
        if (size > maxRecordBytes) {
            throw new OutputTooLargeException(topic, size, maxRecordBytes);
        }
        forwarded++;
        context.forward(new Record<>(keyBytes, new Routed(topic, json), timestamp, new RecordHeaders()));
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
        sendBytes(topics.expiryTimers(), tenantId, OutputJson.timerBytes(timerId, tenantId, held, type, dueAt, firedAt),
                firedAt.toEpochMilli());
        metrics.timerFired(type.name());
    }

    /**
     * Sends a bad input record to the dead-letter topic unchanged: the same key, value and headers,
     * plus {@code error.reason} and where it came from; see {@link DeadLetterRecord} for how it is
     * kept small enough to be written.
     */
    public void deadLetter(Record<byte[], byte[]> bad, String reason) {
        DeadLetterRecord.Origin origin = context.recordMetadata()
                .map(m -> new DeadLetterRecord.Origin(m.topic(), m.partition(), m.offset()))
                .orElse(DeadLetterRecord.Origin.UNKNOWN);
        DeadLetterRecord dl = DeadLetterRecord.of(bad.key(), bad.value(), bad.headers(), reason, origin, maxRecordBytes);
        forwarded++;
        context.forward(new Record<>(dl.key(), new Routed(topics.deadLetters(), dl.value()), bad.timestamp(), dl.headers()));
        metrics.deadLettered(context.recordMetadata().map(m -> m.topic()).orElse("unknown"));
    }
}
