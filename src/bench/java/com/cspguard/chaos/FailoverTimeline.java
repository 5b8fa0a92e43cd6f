package com.cspguard.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a failover waited for, read from the instances' logs (group membership at INFO): when the
 * group learned of the kill (the restart's {@code PreviousRunRelease} line, or a survivor's heartbeat
 * answered "group is already rebalancing"), when the survivors' stream threads joined, how many
 * rebalance rounds followed and when the last survivor was RUNNING again. One line per kill, in
 * seconds after it, so a run's report says where each failover's time went.
 */
final class FailoverTimeline {
    private FailoverTimeline() {
    }

    /** {@code restartLog}: the killed instance's log of its restart; {@code survivorLogs}: the others' current logs. */
    static String describe(LocalTime kill, Duration window, Path restartLog, List<Path> survivorLogs) {
        LocalTime end = kill.plus(window);
        List<String> parts = new ArrayList<>();
        lines(restartLog).stream()
                .filter(l -> l.text.contains("PreviousRunRelease") && !l.at.isBefore(kill))
                .findFirst()
                .ifPresent(l -> parts.add(l.text.contains("removed ") ? "restart removed its member +" + since(kill, l.at)
                        : l.text.contains("no member") ? "restart found its member gone +" + since(kill, l.at)
                        : "restart could not look +" + since(kill, l.at)));
        Optional<LocalTime> told = Optional.empty();
        List<String> joins = new ArrayList<>();
        int rounds = 0;
        LocalTime running = null;
        for (Path survivor : survivorLogs) {
            List<Line> inWindow = lines(survivor).stream().filter(l -> !l.at.isBefore(kill) && !l.at.isAfter(end)).toList();
            Optional<LocalTime> heard = inWindow.stream().filter(l -> l.text.contains("group is already rebalancing"))
                    .map(l -> l.at).findFirst();
            if (heard.isPresent() && (told.isEmpty() || heard.get().isBefore(told.get()))) {
                told = heard;
            }
            inWindow.stream().filter(l -> l.text.contains("StreamThread") && l.text.contains("(Re-)joining group"))
                    .findFirst().ifPresent(l -> joins.add(since(kill, l.at)));
            rounds = Math.max(rounds, (int) inWindow.stream().filter(l -> l.text.contains("Successfully synced group")).count());
            for (Line l : inWindow) {
                if (l.text.contains("REBALANCING to RUNNING") && (running == null || l.at.isAfter(running))) {
                    running = l.at;
                }
            }
        }
        told.ifPresent(t -> parts.add("survivors told of a rebalance +" + since(kill, t)));
        if (!joins.isEmpty()) {
            parts.add("survivors joined +" + String.join(" / ", joins));
        }
        parts.add(rounds + " rebalance round(s)");
        if (running != null) {
            parts.add("last survivor RUNNING +" + since(kill, running));
        }
        return String.join(", ", parts);
    }

    private static String since(LocalTime kill, LocalTime at) {
        return String.format("%.1f s", Duration.between(kill, at).toMillis() / 1000.0);
    }

    private record Line(LocalTime at, String text) {
    }

    private static List<Line> lines(Path log) {
        if (log == null || !Files.exists(log)) {
            return List.of();
        }
        try (Stream<String> all = Files.lines(log, StandardCharsets.ISO_8859_1)) {
            return all.filter(l -> l.length() > 12 && l.charAt(2) == ':' && l.charAt(8) == '.')
                    .map(l -> {
                        try {
                            return new Line(LocalTime.parse(l.substring(0, 12)), l);
                        } catch (DateTimeParseException e) {
                            return null;
                        }
                    })
                    .filter(Objects::nonNull)
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            return List.of(); // a log still being written with a broken character: no timeline for it
        }
    }
}
