package com.cspguard.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** Contract, {@code commerceType}: until when a subscription can be cancelled. */
class CancellationWindowTest {
    private static final Duration WEEK = Duration.ofDays(7);
    private static final Instant START = Instant.parse("2026-01-14T00:00:00Z");

    private static Subscription sub(String offerId, CommerceType type, Instant start, LocalDate end, String term,
                                    Instant refundableUntil) {
        return new Subscription("s", offerId, null, 1, SubscriptionStatus.ACTIVE, false, start, end, null, term,
                null, false, type, refundableUntil);
    }

    @Test
    void theCommerceTypeFollowsFromTheOfferIdWhenNotGiven() {
        assertThat(CommerceType.derive(null, "CFQ7TTC0LH18:0001")).isEqualTo(CommerceType.NEW_COMMERCE);
        assertThat(CommerceType.derive(null, "031c9e47-4802-4248-838e-778fb1d2cc05")).isEqualTo(CommerceType.LEGACY);
        assertThat(CommerceType.derive("OnlineServicesNCE", "031c9e47-4802-4248-838e-778fb1d2cc05"))
                .isEqualTo(CommerceType.NEW_COMMERCE);
        assertThat(sub("031C9E47-4802-4248-838E-778FB1D2CC05", null, START, null, null, null).commerceType())
                .isEqualTo(CommerceType.LEGACY);
    }

    @Test
    void aLegacySubscriptionCanBeCancelledAtAnyTime() {
        Subscription legacy = sub("O:1", CommerceType.LEGACY, START, LocalDate.of(2027, 1, 13), "P1Y", null);
        assertThat(legacy.cancellationDeadline(WEEK)).isNull();
        assertThat(legacy.cancellableAt(Instant.parse("2026-12-01T00:00:00Z"), WEEK)).isTrue();
    }

    @Test
    void refundableUntilIsTheDeadlineWhenReported() {
        Instant until = Instant.parse("2026-01-16T12:00:00Z");
        Subscription nce = sub("O:1", CommerceType.NEW_COMMERCE, START, LocalDate.of(2027, 1, 13), "P1Y", until);
        assertThat(nce.cancellationDeadline(WEEK)).isEqualTo(until);
        assertThat(nce.cancellableAt(until, WEEK)).isTrue();
        assertThat(nce.cancellableAt(until.plusMillis(1), WEEK)).isFalse();
    }

    @Test
    void otherwiseTheWindowRunsFromTheStartOfTheCurrentTerm() {
        Subscription firstTerm = sub("O:1", CommerceType.NEW_COMMERCE, START, LocalDate.of(2027, 1, 13), "P1Y", null);
        assertThat(firstTerm.cancellationDeadline(WEEK)).isEqualTo(Instant.parse("2026-01-21T00:00:00Z"));

        Subscription renewed = sub("O:1", CommerceType.NEW_COMMERCE, START, LocalDate.of(2028, 1, 13), "P1Y", null);
        assertThat(renewed.currentTermStart()).as("the day after the previous end of term")
                .isEqualTo(Instant.parse("2027-01-14T00:00:00Z"));
        assertThat(renewed.cancellationDeadline(WEEK)).isEqualTo(Instant.parse("2027-01-21T00:00:00Z"));

        Subscription monthly = sub("O:1", CommerceType.NEW_COMMERCE, START, LocalDate.of(2026, 12, 13), "P1M", null);
        assertThat(monthly.cancellationDeadline(Duration.ofDays(3))).isEqualTo(Instant.parse("2026-11-17T00:00:00Z"));
    }

    @Test
    void withoutAnyStartTheWindowIsTakenAsPassed() {
        Subscription unknown = sub("O:1", CommerceType.NEW_COMMERCE, null, null, null, null);
        assertThat(unknown.cancellationDeadline(WEEK)).isEqualTo(Instant.MIN);
        assertThat(unknown.cancellableAt(START, WEEK)).isFalse();
        Subscription noTerm = sub("O:1", CommerceType.NEW_COMMERCE, START, LocalDate.of(2027, 1, 13), null, null);
        assertThat(noTerm.cancellationDeadline(WEEK)).isEqualTo(Instant.parse("2026-01-21T00:00:00Z"));
    }
}
