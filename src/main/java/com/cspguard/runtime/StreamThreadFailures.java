package com.cspguard.runtime;

import io.micronaut.configuration.kafka.streams.event.BeforeKafkaStreamStart;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.event.ApplicationEventListener;
import jakarta.inject.Singleton;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Replaces a stream thread that died (so one failure does not stop the instance) and remembers
 * that it happened: a thread that keeps dying on the same record is replaced again and again while
 * the client stays RUNNING, so the state alone would report a stuck stream as healthy.
 *
 * <p>After one death the stream counts as failing until a stream thread commits again, or, when
 * nothing arrives to commit, until {@code guard.health.failure-window} has passed. Two or more
 * deaths within the window are a loop (a replacement may commit other partitions' records before
 * it reaches the bad one again), so the stream counts as failing until the window has passed
 * without a death, whatever was committed in between.
 */
@Singleton
public class StreamThreadFailures implements ApplicationEventListener<BeforeKafkaStreamStart>, StreamsUncaughtExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(StreamThreadFailures.class);

    private final Duration window;
    private final Clock clock;
    private final StaticMembership membership;
    private volatile KafkaStreams streams;
    private volatile Instant lastFailure;
    private final java.util.Deque<Instant> recentFailures = new java.util.ArrayDeque<>();
    private volatile Map<String, Double> commitsAtFailure = Map.of();
    private volatile String lastReason = "";
    private long failures;

    @jakarta.inject.Inject
    public StreamThreadFailures(@Property(name = "guard.health.failure-window") String window, StaticMembership membership) {
        this(Durations.parse("guard.health.failure-window", window), Clock.systemUTC(), membership);
    }

    StreamThreadFailures(Duration window, Clock clock, StaticMembership membership) {
        this.window = window;
        this.clock = clock;
        this.membership = membership;
    }

    @Override
    public void onApplicationEvent(BeforeKafkaStreamStart event) {
        streams = event.getKafkaStreams();
        streams.setUncaughtExceptionHandler(this);
    }

    @Override
    public StreamThreadExceptionResponse handle(Throwable exception) {
        long count;
        synchronized (this) {
            count = ++failures;
            commitsAtFailure = commitsByThread();
            lastReason = exception.getClass().getName() + ": " + exception.getMessage();
            lastFailure = clock.instant();
            recentFailures.addLast(lastFailure);
            while (recentFailures.size() > 10) {
                recentFailures.removeFirst();
            }
        }
        LOG.error("stream thread {} failed (failure {} since start); replacing it", Thread.currentThread().getName(),
                count, exception);
        membership.forgetDeadThread(Thread.currentThread().getName());
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }

    /** Why the stream is not making progress, if a thread died recently and none has committed since. */
    public Optional<String> failing() {
        Instant last = lastFailure;
        if (last == null || !clock.instant().isBefore(last.plus(window))) {
            return Optional.empty();
        }
        long inWindow = deathsWithinWindow();
        if (inWindow >= 2) {
            return Optional.of("stream threads died " + inWindow + " times within " + window + ", the last at " + last
                    + " (" + lastReason + ")");
        }
        Map<String, Double> before = commitsAtFailure;
        boolean committedSince = commitsByThread().entrySet().stream()
                .anyMatch(e -> e.getValue() > before.getOrDefault(e.getKey(), 0.0));
        if (committedSince) {
            return Optional.empty();
        }
        return Optional.of("a stream thread failed at " + last + " and none has committed since (" + lastReason + ")");
    }

    private synchronized long deathsWithinWindow() {
        Instant since = clock.instant().minus(window);
        return recentFailures.stream().filter(t -> t.isAfter(since)).count();
    }

    public synchronized long failures() {
        return failures;
    }

    /** Kafka Streams' commit-total of each live stream thread: it grows only when a thread commits work. */
    private Map<String, Double> commitsByThread() {
        KafkaStreams s = streams;
        Map<String, Double> out = new HashMap<>();
        if (s == null) {
            return out;
        }
        for (Map.Entry<MetricName, ? extends Metric> e : s.metrics().entrySet()) {
            MetricName name = e.getKey();
            if ("stream-thread-metrics".equals(name.group()) && "commit-total".equals(name.name())
                    && e.getValue().metricValue() instanceof Number n) {
                out.put(name.tags().getOrDefault("thread-id", ""), n.doubleValue());
            }
        }
        return out;
    }
}
