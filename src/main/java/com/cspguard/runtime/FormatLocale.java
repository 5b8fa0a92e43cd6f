package com.cspguard.runtime;

import java.util.Locale;

/**
 * The process formats numbers as {@link Locale#US}, whatever the host's locale: the service's texts
 * (findings, remediations, log lines) are English and should read the same on every host. It also
 * matters for speed: Kafka Streams 4.2+ formats a log text with {@code String.format} for every
 * input partition with nothing buffered, before every record, whatever the log level (KAFKA-19682,
 * {@code PartitionGroup.readyToProcess}); the guard's task has three input partitions, two of them
 * (transfer requests, catalog changes) empty most of the time. For any locale but {@code Locale.US}
 * the JDK looks up {@code DecimalFormatSymbols} for each {@code %d}: half of that formatting's time
 * (docs/benchmarks.md, "Where an event's time goes"). Only the FORMAT category is set; what the host
 * displays is left alone.
 */
public final class FormatLocale {
    private FormatLocale() { }

    /** Sets the process's FORMAT locale to US; returns the one it replaced. */
    public static Locale apply() {
        Locale before = Locale.getDefault(Locale.Category.FORMAT);
        Locale.setDefault(Locale.Category.FORMAT, Locale.US);
        return before;
    }
}
