package com.cspguard.runtime.http;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/**
 * The {@code guard.http.*} settings of the API's edge: the per-caller rate limit and the limit on
 * refused tokens per client address (docs/operations.md, "Access").
 */
@Singleton
public class EdgeSettings {
    private final long perMinute;
    private final long burst;
    private final long refusalsPerMinute;

    public EdgeSettings(@Value("${guard.http.rate-limit.per-minute:600}") long perMinute,
                        @Value("${guard.http.rate-limit.burst:100}") long burst,
                        @Value("${guard.http.rate-limit.refusals-per-minute:30}") long refusalsPerMinute) {
        this.perMinute = perMinute;
        this.burst = burst;
        this.refusalsPerMinute = refusalsPerMinute;
    }

    /** Requests per minute one caller (a token's tid and sub, or a client address without token) may make; 0: no limit. */
    public long perMinute() {
        return perMinute;
    }

    /** Requests one caller may make at once before the rate applies. */
    public long burst() {
        return burst;
    }

    /** Refused tokens (401) per minute and client address before it gets 429 without its token being checked; 0: no limit. */
    public long refusalsPerMinute() {
        return refusalsPerMinute;
    }
}
