package com.cspguard.runtime;

import io.micronaut.configuration.kafka.config.KafkaDefaultConfiguration;
import io.micronaut.context.annotation.Property;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Asks the cluster every two seconds whether it answers. While the brokers are away, Kafka Streams
 * stays RUNNING and keeps retrying (that is what makes a broker restart need no manual step), so
 * the client's state cannot tell that nothing moves; this probe can. It runs in the background so
 * that {@code /health} never waits for a broker.
 */
@Singleton
public class ClusterProbe implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterProbe.class);
    private static final Duration EVERY = Duration.ofSeconds(2);

    private final Admin admin;
    private final Duration unreachableAfter;
    private final ScheduledExecutorService timer;
    private volatile long lastAnswerNanos = System.nanoTime();
    private volatile String lastError = "no answer";
    private volatile boolean reportedDown;

    public ClusterProbe(KafkaDefaultConfiguration kafka,
                        @Property(name = "guard.health.broker-timeout") String unreachableAfter) {
        this.unreachableAfter = Durations.parse("guard.health.broker-timeout", unreachableAfter);
        Properties p = new Properties();
        p.putAll(kafka.getConfig());
        this.admin = Admin.create(p);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "guard-cluster-probe");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::probe, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void probe() {
        int timeoutMs = (int) Math.min(unreachableAfter.toMillis(), 5000);
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs)).nodes()
                    .get(timeoutMs + 500L, TimeUnit.MILLISECONDS);
            lastAnswerNanos = System.nanoTime();
            if (reportedDown) {
                LOG.info("the Kafka cluster answers again");
                reportedDown = false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            lastError = e.getCause() != null ? e.getCause().toString() : e.toString();
        }
    }

    /** Why the stream cannot make progress, if the cluster has not answered for longer than the bound. */
    public Optional<String> unreachable() {
        long silentNanos = System.nanoTime() - lastAnswerNanos;
        if (silentNanos <= unreachableAfter.toNanos()) {
            return Optional.empty();
        }
        if (!reportedDown) {
            reportedDown = true;
            LOG.warn("the Kafka cluster has not answered for {} s: {}", TimeUnit.NANOSECONDS.toSeconds(silentNanos), lastError);
        }
        return Optional.of("the Kafka cluster has not answered for " + TimeUnit.NANOSECONDS.toSeconds(silentNanos)
                + " s (" + lastError + ")");
    }

    @PreDestroy
    @Override
    public void close() {
        timer.shutdownNow();
        admin.close(Duration.ofSeconds(1));
    }
}
