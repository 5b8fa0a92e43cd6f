package com.cspguard.runtime;

import java.time.Duration;
import java.util.Locale;

/** Parses the duration settings: {@code 500ms}, {@code 1s}, {@code 5m}, {@code 48h}, {@code 30d} or ISO-8601. */
public final class Durations {
    private Durations() { }

    public static Duration parse(String name, String raw) {
        String s = raw.trim().toLowerCase(Locale.ROOT);
        try {
            if (s.startsWith("p")) {
                return Duration.parse(raw.trim().toUpperCase(Locale.ROOT));
            }
            if (s.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
            }
            long n = Long.parseLong(s.substring(0, s.length() - 1));
            return switch (s.charAt(s.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> throw new NumberFormatException();
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("setting " + name + ": '" + raw
                    + "' is not a duration (use e.g. 500ms, 1s, 5m, 48h, 30d or ISO-8601 P30D)", e);
        }
    }
}
