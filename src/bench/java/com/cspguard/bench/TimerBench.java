package com.cspguard.bench;

import com.cspguard.topology.indexes.TimerSchedule;

import java.time.Instant;
import java.util.Random;
import java.util.function.BiConsumer;

/**
 * The timer schedule's mechanism: N timers spread over the next year, then the cost of a
 * punctuation with nothing due, then timers taken per second when many are due. The schedule is
 * in memory (derived from the facts), so what is measured is the heap alone; firing a timer also
 * reads and writes its subscription's fact, which the CPU benchmark measures.
 */
final class TimerBench {
    private TimerBench() { }

    static void run(BiConsumer<String, String> put) {
        String sizes = System.getProperty("bench.timers", "1000000,10000000");
        for (String s : sizes.split(",")) {
            runOne(Integer.parseInt(s.trim()), put);
        }
    }

    private static void runOne(int count, BiConsumer<String, String> put) {
        long now = Instant.parse("2026-11-24T00:00:00Z").toEpochMilli();
        TimerSchedule timers = new TimerSchedule();
        Random r = new Random(7);
        String[] tenants = new String[20_000];
        for (int i = 0; i < tenants.length; i++) {
            tenants[i] = "tenant-" + i;
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long due = now + 3_600_000L + (long) (r.nextDouble() * 365 * 86_400_000L);
            timers.add(due, (byte) 1, tenants[i % tenants.length], new java.util.UUID(r.nextLong(), r.nextLong()).toString());
        }
        double scheduleSeconds = (System.nanoTime() - t0) / 1e9;
        put.accept(String.format("timers: schedule %,d", count), String.format("%,.0f timers/s", count / scheduleSeconds));

        int probes = 100_000;
        long p0 = System.nanoTime();
        int found = 0;
        for (int i = 0; i < probes; i++) {
            if (timers.pollDue(now + i) != null) {
                found++;
            }
        }
        double micros = (System.nanoTime() - p0) / 1e3 / probes;
        put.accept(String.format("timers: punctuation with none due, %,d scheduled (target < 1 ms)", count),
                String.format("%.3f µs (%d due found)", micros, found));

        int toFire = Math.min(count, 1_000_000);
        long far = now + 400L * 86_400_000L;
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long c0 = threads.getCurrentThreadCpuTime();
        long f0 = System.nanoTime();
        int fired = 0;
        while (fired < toFire && timers.pollDue(far) != null) {
            timers.retire();
            fired++;
        }
        double fireSeconds = (System.nanoTime() - f0) / 1e9;
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
        put.accept(String.format("timers: take due timers, %,d scheduled (target >= 100,000/s)", count),
                String.format("%,.0f timers/s (%,.0f per CPU second; %,d taken)", fired / fireSeconds, fired / cpuSeconds, fired));
    }
}
