package com.cspguard.wire;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads the one ISO-8601 shape upstream systems send, {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}, without
 * the formatter machinery of {@link Instant#parse}, which took a tenth of an event's time in the
 * profile. Anything else (offsets, leap seconds, out-of-range fields) falls back to
 * {@link Instant#parse}, so what is accepted and rejected stays exactly the JDK's.
 */
final class IsoInstants {
    private IsoInstants() { }

    static Instant parse(CharSequence s) {
        Instant fast = fast(s);
        return fast != null ? fast : Instant.parse(s);
    }

    /** The instant, or null when {@code s} is not in the common shape (then the JDK decides). */
    static Instant fast(CharSequence s) {
        int n = s.length();
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':' || s.charAt(n - 1) != 'Z') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59) {
            return null;
        }
        int nanos = 0;
        if (n > 20) {
            int fraction = n - 21;
            if (s.charAt(19) != '.' || fraction < 1 || fraction > 9) {
                return null;
            }
            int f = digits(s, 20, fraction);
            if (f < 0) {
                return null;
            }
            nanos = f;
            for (int i = fraction; i < 9; i++) {
                nanos *= 10;
            }
        }
        long days;
        try {
            days = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return null;
        }
        return Instant.ofEpochSecond(days * 86_400L + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** A {@code yyyy-MM-dd} date; other shapes and invalid dates are left to {@link LocalDate#parse}. */
    static LocalDate parseDate(CharSequence s) {
        if (s.length() == 10 && s.charAt(4) == '-' && s.charAt(7) == '-') {
            int year = digits(s, 0, 4);
            int month = digits(s, 5, 2);
            int day = digits(s, 8, 2);
            if (year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= 28) {
                return LocalDate.of(year, month, day); // valid in every month: no exception path
            }
        }
        return LocalDate.parse(s);
    }

    /** The decimal number of {@code length} digits at {@code from}, or -1 if any is not a digit. */
    private static int digits(CharSequence s, int from, int length) {
        int v = 0;
        for (int i = from; i < from + length; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
