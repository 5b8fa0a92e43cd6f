package com.cspguard.runtime.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Waits at start-up until the Kafka cluster answers, instead of failing on the first admin call:
 * brokers often start after the service (a restarted host, a compose file, a rolling upgrade).
 * Logs where it is waiting every few seconds and gives up, with a clear error, after the bound.
 *
 * @param admin     asks the cluster for its brokers
 * @param bootstrap the cluster's address, for the log lines and the error
 * @param timeout   how long to wait at most ({@code GUARD_KAFKA_STARTUP_TIMEOUT})
 * @param logEvery  how often the wait is logged
 */
public record BrokerWait(Admin admin, String bootstrap, Duration timeout, Duration logEvery) {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerWait.class);
    /** One attempt never waits longer than this, so progress is logged at the promised rhythm. */
    private static final Duration ATTEMPT = Duration.ofSeconds(3);

    /** Returns once the cluster lists its brokers; throws when it has not within the timeout. */
    public void await() {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long nextLog = start;
        int attempts = 0;
        Throwable last = null;
        while (true) {
            attempts++;
            long attempt = Math.max(1, Math.min(ATTEMPT.toNanos(), deadline - System.nanoTime()));
            try {
                int nodes = admin.describeCluster(new DescribeClusterOptions()
                                .timeoutMs((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(attempt))))
                        .nodes().get(attempt + TimeUnit.MILLISECONDS.toNanos(200), TimeUnit.NANOSECONDS).size();
                if (attempts > 1) {
                    LOG.info("Kafka cluster at {} reachable after {} s ({} broker(s))", bootstrap,
                            TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start), nodes);
                }
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the Kafka cluster at " + bootstrap, e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof org.apache.kafka.common.errors.AuthenticationException refused) {
                    throw new Refused(refused); // the cluster answered: no use waiting
                }
                last = e.getCause();
            } catch (java.util.concurrent.TimeoutException e) {
                last = e;
            }
            long now = System.nanoTime();
            if (now - deadline >= 0) {
                throw new IllegalStateException("the Kafka cluster at " + bootstrap + " was not reachable within "
                        + timeout + " (GUARD_KAFKA_STARTUP_TIMEOUT); last error: " + describe(last), last);
            }
            if (now - nextLog >= 0) {
                LOG.warn("waiting for the Kafka cluster at {}: not reachable yet ({}); retrying for up to {} s more",
                        bootstrap, describe(last), TimeUnit.NANOSECONDS.toSeconds(deadline - now));
                nextLog = now + logEvery.toNanos();
            }
            pause(Math.min(500, TimeUnit.NANOSECONDS.toMillis(deadline - now) + 1));
        }
    }

    /** The cluster answered but refused the credentials. */
    public static final class Refused extends RuntimeException {
        Refused(Throwable cause) {
            super(cause);
        }
    }

    private static String describe(Throwable t) {
        if (t == null) {
            return "no answer";
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the Kafka cluster", e);
        }
    }
}
