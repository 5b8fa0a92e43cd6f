package com.cspguard.runtime;

import io.micronaut.configuration.kafka.config.KafkaDefaultConfiguration;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * At the JVM's start, before the application context: takes this instance's members of a previous
 * run that ended without leaving (kill -9, a crash, an OOM kill) out of the consumer group, so the
 * standbys take its tasks over while this process is still starting, and (under exactly-once) ends the
 * transactions it may have left open ({@link PreviousRunTransactions}), which would otherwise hold its
 * input partitions' offsets from the new owners for up to 20 s, also when the member's session had
 * expired before this restart got here.
 *
 * <p>The group only learns that a static member is gone when its session expires or when something
 * removes it. {@link StaticMembership#removeStaleMembers} does that right before the stream starts,
 * which on a busy machine came 13-25 s after the restart's JVM started (Micronaut's start, the
 * topic checks); here it comes once the settings are read and one admin request is answered. The
 * settings are Micronaut's own (application.yml, environment variables, system properties), read
 * without starting a context. Nothing here stops the start: a cluster not reachable yet is left to
 * the later removal.
 */
public final class PreviousRunRelease {
    private static final Logger LOG = LoggerFactory.getLogger(PreviousRunRelease.class);
    /** Short: the service's start waits for this, and the later removal retries anyway. */
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private PreviousRunRelease() {
    }

    /** Reads the service's settings and removes the previous run's members; never throws. */
    public static void beforeStart(String[] args) {
        try (ApplicationContext context = ApplicationContext.builder().args(args).build()) {
            Environment env = context.getEnvironment();
            env.start();
            double settingsRead = uptimeSeconds();
            release(env).ifPresent(done -> LOG.info("{} (JVM start to settings read: {} s)", done, String.format("%.1f", settingsRead)));
        } catch (Exception | LinkageError e) {
            LOG.info("could not look for members of a previous run before the start: {}", e.toString());
        }
    }

    /** What was done, for the log; empty when there is nothing to do (embedded broker, first start, at least once). */
    static Optional<String> release(Environment env) throws Exception {
        String embeddedMode = env.getProperty("guard.embedded-kafka.enabled", String.class).orElse("auto");
        String embeddedAddress = env.getProperty("guard.embedded-kafka.address", String.class).orElse("");
        if (new KafkaClientSettings(env, embeddedMode, embeddedAddress).embedded()) {
            return Optional.empty(); // its broker is not up yet, and nothing else writes to it
        }
        String configured = env.getProperty("guard.instance-id", String.class).orElse("").trim();
        boolean staticMember = !configured.equalsIgnoreCase("none");
        Path stateDir = Path.of(streamsSetting(env, "state.dir").orElse("./data/streams"));
        String groupId = streamsSetting(env, "application.id").orElseThrow(
                () -> new IllegalStateException("kafka.streams.default.application.id is not set"));
        int threads = Integer.parseInt(streamsSetting(env, "num.stream.threads").orElse("1"));
        int standbys = Integer.parseInt(streamsSetting(env, "num.standby.replicas").orElse("0"));
        boolean exactlyOnce = streamsSetting(env, "processing.guarantee").orElse("").startsWith("exactly_once");
        Properties config = new Properties();
        config.putAll(new KafkaDefaultConfiguration(env).getConfig());
        config.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());

        List<String> report = new ArrayList<>();
        Set<Integer> threadNumbers = new TreeSet<>();
        IntStream.rangeClosed(1, threads).forEach(threadNumbers::add);
        if (staticMember) {
            String instanceId = configured.isEmpty() ? StaticMembership.persistedId(stateDir) : configured;
            Properties adminConfig = new Properties();
            adminConfig.putAll(config);
            adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
            try (Admin admin = Admin.create(adminConfig)) {
                List<String> removed = PreviousRunMembers.remove(admin, groupId, instanceId, threads, standbys, TIMEOUT);
                threadNumbers.addAll(PreviousRunMembers.threadNumbers(removed, instanceId));
                report.add(removed.isEmpty()
                        // it left the group, or its session expired already
                        ? String.format("no member of this instance's previous run in group '%s' (looked %.1f s after the JVM "
                                + "started)", groupId, uptimeSeconds())
                        : String.format("removed %d member(s) of this instance's previous run from group '%s' %.1f s after the "
                                + "JVM started (it did not leave: %s)", removed.size(), groupId, uptimeSeconds(),
                                standbys > 0 ? "standbys take its tasks over now" : "threads this run will not use"));
            } catch (Exception e) {
                // the removal right before the stream starts tries again; the transactions are independent of it
                report.add("could not look for members of a previous run: " + (e.getCause() != null ? e.getCause() : e));
            }
        }
        if (exactlyOnce) {
            // Whether the previous run ended cleanly cannot be told from here (its member may have expired
            // already); ending a transaction that is not open only costs a request, and Kafka Streams
            // starts the same producers anyway a few seconds later.
            try {
                List<String> ended = PreviousRunTransactions.abort(config,
                        PreviousRunTransactions.transactionalIds(stateDir, groupId, List.copyOf(threadNumbers)), TIMEOUT);
                if (!ended.isEmpty()) {
                    report.add(String.format("transactions of the previous run %s ended %.1f s after the JVM started", ended,
                            uptimeSeconds()));
                }
            } catch (Exception e) {
                // the transaction timeout ends them as usual
                report.add("could not end the previous run's transactions: " + e);
            }
        }
        return report.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", report));
    }

    private static double uptimeSeconds() {
        return ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0;
    }

    private static Optional<String> streamsSetting(Environment env, String name) {
        return env.getProperty("kafka.streams.default." + name, String.class);
    }
}
