package com.cspguard.runtime;

import com.cspguard.domain.GuardPolicy;
import com.cspguard.domain.SubscriptionStatus;
import com.cspguard.topology.config.GuardSettings;
import com.cspguard.topology.config.GuardTopic;
import com.cspguard.topology.config.GuardTopics;
import com.cspguard.topology.deadletters.RecordSize;
import com.cspguard.topology.views.OpsViews;
import com.cspguard.wire.InputLimits;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Turns the {@code guard.*} configuration into the topology's settings, failing fast on bad values. */
@Factory
public class GuardSettingsFactory {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(GuardSettingsFactory.class);

    @Singleton
    GuardPolicy policy(Environment env,
                       @Property(name = "guard.policy.tenant-maximum") int tenantMaximum,
                       @Property(name = "guard.policy.duplication-threshold") int threshold,
                       @Property(name = "guard.policy.counted-statuses") String counted,
                       @Property(name = "guard.policy.partner-transfer-role") String partnerTransferRole,
                       @Property(name = "guard.policy.partner-transfer-max-line-items") int partnerTransferMaxLineItems) {
        if (threshold <= 0 || tenantMaximum <= 0) {
            throw new IllegalArgumentException("guard.policy limits must be positive: maximum " + tenantMaximum
                    + ", threshold " + threshold);
        }
        if (partnerTransferMaxLineItems <= 0 || partnerTransferRole.isBlank()) {
            throw new IllegalArgumentException("guard.policy.partner-transfer-max-line-items must be positive and"
                    + " guard.policy.partner-transfer-role not blank: were " + partnerTransferMaxLineItems + " and '"
                    + partnerTransferRole + "'");
        }
        Duration cancellationWindow = duration(env, "guard.policy.cancellation-window");
        if (cancellationWindow.isNegative()) {
            throw new IllegalArgumentException("guard.policy.cancellation-window must not be negative, was " + cancellationWindow);
        }
        return new GuardPolicy(tenantMaximum, threshold, statuses(counted),
                duration(env, "guard.policy.refund-window"),
                duration(env, "guard.policy.transfer-max-age"),
                duration(env, "guard.policy.term-ending-lead"),
                duration(env, "guard.policy.grace-ending-after"),
                duration(env, "guard.policy.repurchase-deadline"),
                cancellationWindow, partnerTransferRole.trim(), partnerTransferMaxLineItems);
    }

    @Singleton
    GuardTopics topics(Environment env) {
        return GuardTopics.named(topic -> topicName(env, topic));
    }

    /** What an input record may hold; the same for the stream and the HTTP dry run. */
    @Singleton
    InputLimits inputLimits(@Property(name = "guard.limits.max-record-bytes") int maxRecordBytes,
                            @Property(name = "guard.limits.max-string-length") int maxStringLength,
                            @Property(name = "guard.limits.max-line-items") int maxLineItems) {
        return new InputLimits(maxRecordBytes, maxStringLength, maxLineItems);
    }

    /** The operations views of this instance's tasks: the stream threads publish, the HTTP threads read. */
    @Singleton
    OpsViews opsViews() {
        return new OpsViews();
    }

    @Singleton
    GuardSettings settings(GuardPolicy policy, GuardTopics topics, InputLimits limits, Environment env,
                           @Property(name = "guard.timer-batch") int timerBatch) {
        Duration interval = duration(env, "guard.timer-interval");
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("guard.timer-interval must be positive, was " + interval);
        }
        int maxOutputBytes = RecordSize.limitFor(maxRequestSize(env));
        if (limits.maxRecordBytes() > maxOutputBytes / 10) {
            // the worst transfer request is stored (request plus last evaluation, one changelog record) in
            // about 8.7 times its size (PoisonRecordTopologyTest); above a tenth such a request is dead-lettered
            // after a rollback instead of answered
            LOG.warn("guard.limits.max-record-bytes {} is above a tenth of the largest record the service may write"
                    + " ({} bytes): the largest transfer requests may be dead-lettered as too large to store",
                    limits.maxRecordBytes(), maxOutputBytes);
        }
        Duration opsInterval = duration(env, "guard.ops.view-interval");
        Duration horizon = duration(env, "guard.ops.deadline-horizon");
        Duration deadlineInterval = duration(env, "guard.ops.deadline-interval");
        if (opsInterval.isZero() || opsInterval.isNegative() || horizon.isNegative() || deadlineInterval.isNegative()) {
            throw new IllegalArgumentException("guard.ops.view-interval must be positive, guard.ops.deadline-horizon and"
                    + " guard.ops.deadline-interval not negative; were " + opsInterval + ", " + horizon + " and " + deadlineInterval);
        }
        return new GuardSettings(policy, topics, interval, timerBatch, limits, maxOutputBytes,
                new GuardSettings.OpsViewSettings(opsInterval, horizon, deadlineInterval), countsInterval(env));
    }

    /**
     * How often changed counts are sent: {@code guard.counts-interval} (GUARD_COUNTS_INTERVAL) when set,
     * else Kafka Streams' commit interval as configured, else its default (100 ms under exactly-once,
     * 30 s otherwise), so that counts coalesce per commit as a KTable's cache would.
     */
    static Duration countsInterval(Environment env) {
        return countsInterval(env.getProperty("guard.counts-interval", String.class).orElse(null),
                env.getProperty("kafka.streams.default.commit.interval.ms", Long.class).orElse(null),
                env.getProperty("kafka.streams.default.processing.guarantee", String.class).orElse("exactly_once_v2"));
    }

    static Duration countsInterval(String set, Long commitIntervalMs, String guarantee) {
        Duration interval;
        if (set != null && !set.isBlank()) {
            interval = Durations.parse("guard.counts-interval", set);
        } else if (commitIntervalMs != null) {
            interval = Duration.ofMillis(commitIntervalMs);
        } else {
            interval = guarantee.startsWith("exactly_once") ? GuardSettings.DEFAULT_COUNTS_INTERVAL : Duration.ofSeconds(30);
        }
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("guard.counts-interval must be positive, was " + interval);
        }
        return interval;
    }

    /** The producer's {@code max.request.size} as Kafka Streams is configured with it. */
    static int maxRequestSize(Environment env) {
        return env.getProperty("kafka.streams.default.producer.max.request.size", Integer.class)
                .or(() -> env.getProperty("kafka.streams.default.max.request.size", Integer.class))
                .orElse(RecordSize.DEFAULT_MAX_REQUEST_SIZE);
    }

    /** The topic's property, else its environment variable, else its contract name. */
    static String topicName(Environment env, GuardTopic topic) {
        return env.getProperty(topic.property(), String.class)
                .or(() -> Optional.ofNullable(System.getenv(topic.environmentVariable())))
                .filter(name -> !name.isBlank())
                .orElse(topic.contractName());
    }

    static Set<SubscriptionStatus> statuses(String list) {
        EnumSet<SubscriptionStatus> set = EnumSet.noneOf(SubscriptionStatus.class);
        Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .forEach(s -> set.add(SubscriptionStatus.valueOf(s.toUpperCase(Locale.ROOT))));
        return set;
    }

    /** Durations are written like 30d, 48h, 1s or ISO-8601 (P30D). */
    static Duration duration(Environment env, String name) {
        String raw = env.getProperty(name, String.class)
                .orElseThrow(() -> new IllegalArgumentException("missing setting " + name));
        return Durations.parse(name, raw);
    }
}
