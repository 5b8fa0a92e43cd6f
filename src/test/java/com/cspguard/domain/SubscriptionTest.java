package com.cspguard.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** The end of term: inclusive end dates and the exact instant when Partner Center gives one. */
class SubscriptionTest {

    private static Subscription ending(LocalDate date, Instant dateTime) {
        return new Subscription("s", "O:1", "Offer", 1, SubscriptionStatus.ACTIVE, false,
                Instant.parse("2026-01-14T00:00:00Z"), date, dateTime, "P1Y", "monthly", false);
    }

    @Test
    void aDateEndsAtTheEndOfThatDayInUtc() {
        Instant end = ending(LocalDate.of(2027, 1, 13), null).termEnd();

        assertThat(end).isEqualTo(Instant.parse("2027-01-14T00:00:00Z"));
        assertThat(Instant.parse("2027-01-13T23:59:59.999Z")).isBefore(end);
    }

    @Test
    void theLastDayOfAMonthAndOfAYearRollOver() {
        assertThat(ending(LocalDate.of(2027, 2, 28), null).termEnd()).isEqualTo(Instant.parse("2027-03-01T00:00:00Z"));
        assertThat(ending(LocalDate.of(2026, 12, 31), null).termEnd()).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
    }

    @Test
    void commitmentEndDateTimeWins() {
        Instant exact = Instant.parse("2027-01-13T23:59:59Z");
        Instant other = Instant.parse("2027-01-10T12:00:00Z");

        assertThat(ending(LocalDate.of(2027, 1, 13), exact).termEnd()).isEqualTo(exact);
        assertThat(ending(LocalDate.of(2027, 1, 13), other).termEnd()).isEqualTo(other);
        assertThat(ending(null, exact).termEnd()).isEqualTo(exact);
    }

    @Test
    void noEndDateMeansNoEndOfTerm() {
        assertThat(ending(null, null).termEnd()).isNull();
    }
}
