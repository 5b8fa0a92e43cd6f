package com.cspguard.runtime;

import com.cspguard.domain.GuardPolicy;
import com.cspguard.domain.SubscriptionStatus;
import com.cspguard.topology.GuardSettings;
import com.cspguard.topology.GuardTopic;
import com.cspguard.topology.GuardTopics;
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

    @Singleton
    GuardPolicy policy(Environment env,
                       @Property(name = "guard.policy.tenant-maximum") int tenantMaximum,
                       @Property(name = "guard.policy.duplication-threshold") int threshold,
                       @Property(name = "guard.policy.counted-statuses") String counted) {
        if (threshold <= 0 || tenantMaximum <= 0) {
            throw new IllegalArgumentException("guard.policy limits must be positive: maximum " + tenantMaximum
                    + ", threshold " + threshold);
        }
        return new GuardPolicy(tenantMaximum, threshold, statuses(counted),
                duration(env, "guard.policy.refund-window"),
                duration(env, "guard.policy.transfer-max-age"),
                duration(env, "guard.policy.term-ending-lead"),
                duration(env, "guard.policy.grace-ending-after"),
                duration(env, "guard.policy.repurchase-deadline"));
    }

    @Singleton
    GuardTopics topics(Environment env) {
        return GuardTopics.named(topic -> topicName(env, topic));
    }

    @Singleton
    GuardSettings settings(GuardPolicy policy, GuardTopics topics, Environment env,
                           @Property(name = "guard.timer-batch") int timerBatch) {
        Duration interval = duration(env, "guard.timer-interval");
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("guard.timer-interval must be positive, was " + interval);
        }
        return new GuardSettings(policy, topics, interval, timerBatch);
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
