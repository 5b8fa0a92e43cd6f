package com.cspguard.runtime.http;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket (Bucket4j) per caller: {@code burst} requests at once, refilled at
 * {@code perMinute}. In memory, per instance. The map forgets every bucket when it holds
 * {@value #MAX_CALLERS} callers, so that callers made up by the thousand cannot fill the memory;
 * a forgotten caller starts again with a full bucket.
 */
final class CallerBuckets {
    static final int MAX_CALLERS = 100_000;

    private final long perMinute;
    private final long burst;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** @param perMinute 0: no limit */
    CallerBuckets(long perMinute, long burst) {
        if (perMinute < 0 || (perMinute > 0 && burst < 1)) {
            throw new IllegalArgumentException("a rate limit needs a rate >= 0 per minute and a burst >= 1, was "
                    + perMinute + " per minute, burst " + burst);
        }
        this.perMinute = perMinute;
        this.burst = burst;
    }

    boolean enabled() {
        return perMinute > 0;
    }

    /** Takes one request from the caller's bucket: 0 when allowed, else the seconds until one is free again. */
    long take(String caller) {
        if (!enabled()) {
            return 0;
        }
        ConsumptionProbe probe = bucket(caller).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? 0 : Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
    }

    /** Whether the caller's bucket is empty, without taking from it. */
    long waitFor(String caller) {
        if (!enabled()) {
            return 0;
        }
        Bucket b = buckets.get(caller);
        if (b == null || b.getAvailableTokens() > 0) {
            return 0;
        }
        return Math.max(1, (b.estimateAbilityToConsume(1).getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
    }

    private Bucket bucket(String caller) {
        if (buckets.size() >= MAX_CALLERS) {
            buckets.clear();
        }
        return buckets.computeIfAbsent(caller, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(burst).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                .build());
    }
}
