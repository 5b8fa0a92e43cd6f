package com.cspguard.wire;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fast ISO-8601 reader must accept and reject exactly what {@link Instant#parse} does. */
class IsoInstantsProperties {

    @Property
    void agreesWithTheJdkOnWellFormedInstants(@ForAll @LongRange(min = -62_135_596_800L, max = 253_402_300_799L) long seconds,
                                              @ForAll @IntRange(min = 0, max = 999_999_999) int nanos,
                                              @ForAll @IntRange(min = 0, max = 9) int fractionDigits) {
        String text = Instant.ofEpochSecond(seconds).toString().replace("Z", "");
        if (fractionDigits > 0) {
            text += "." + String.format("%09d", nanos).substring(0, fractionDigits);
        }
        text += "Z";
        assertThat(IsoInstants.fast(text)).as(text).isNotNull().isEqualTo(Instant.parse(text));
    }

    @Property
    void formatsAsInstantToStringDoes(@ForAll @LongRange(min = -70_000_000_000L, max = 260_000_000_000L) long seconds,
                                      @ForAll @IntRange(min = 0, max = 999_999_999) int nanos,
                                      @ForAll @IntRange(min = 0, max = 3) int precision) {
        // whole seconds, milli-, micro- and nanosecond fractions: each a different length of text
        int n = switch (precision) {
            case 0 -> 0;
            case 1 -> nanos / 1_000_000 * 1_000_000;
            case 2 -> nanos / 1_000 * 1_000;
            default -> nanos;
        };
        Instant instant = Instant.ofEpochSecond(seconds, n);
        assertThat(IsoInstants.format(instant)).isEqualTo(instant.toString());
    }

    @Example
    void formatsTheEdgesAsTheJdkDoes() {
        for (Instant i : new Instant[] {Instant.EPOCH, Instant.MIN, Instant.MAX, Instant.parse("0000-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"), Instant.parse("-0001-12-31T23:59:59Z"),
                Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("1969-12-31T23:59:59.5Z")}) {
            assertThat(IsoInstants.format(i)).isEqualTo(i.toString());
        }
    }

    @Property
    void agreesWithTheJdkOnMangledInput(@ForAll("mangled") String text) {
        Instant expected;
        try {
            expected = Instant.parse(text);
        } catch (DateTimeParseException e) {
            assertThatThrownBy(() -> IsoInstants.parse(text)).as(text).isInstanceOf(DateTimeParseException.class);
            return;
        }
        assertThat(IsoInstants.parse(text)).as(text).isEqualTo(expected);
    }

    @Provide
    Arbitrary<String> mangled() {
        String base = "2026-02-28T23:59:59.123Z";
        return Arbitraries.integers().between(0, base.length() - 1).flatMap(at ->
                Arbitraries.of('0', '1', '2', '3', '5', '9', 'X', '-', ':', '.', 'Z', '+', ' ', 'T').map(c ->
                        base.substring(0, at) + c + base.substring(at + 1)));
    }

    @Property
    void readsDatesAsTheJdkDoes(@ForAll @IntRange(min = 0, max = 9999) int year, @ForAll @IntRange(min = 0, max = 13) int month,
                                @ForAll @IntRange(min = 0, max = 32) int day) {
        String text = String.format("%04d-%02d-%02d", year, month, day);
        java.time.LocalDate expected;
        try {
            expected = java.time.LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            assertThatThrownBy(() -> IsoInstants.parseDate(text)).as(text).isInstanceOf(DateTimeParseException.class);
            return;
        }
        assertThat(IsoInstants.parseDate(text)).as(text).isEqualTo(expected);
    }

    @Example
    void leavesOddButValidShapesToTheJdk() {
        assertThat(IsoInstants.fast("2026-11-24T10:15:30+01:00")).isNull();
        assertThat(IsoInstants.parse("2026-11-24T10:15:30+01:00")).isEqualTo(Instant.parse("2026-11-24T09:15:30Z"));
        assertThat(IsoInstants.fast("2026-02-30T10:15:30Z")).isNull();
        assertThatThrownBy(() -> IsoInstants.parse("2026-02-30T10:15:30Z")).isInstanceOf(DateTimeParseException.class);
        assertThat(IsoInstants.fast("2026-11-24T10:15:30.1234567891Z")).isNull();
    }
}
