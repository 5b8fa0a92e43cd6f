package com.cspguard.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where a chaos run writes its progress and its check lines (PASS/FAIL), and the verdict they add
 * up to: one for the single-instance and the scale-out runs, so both report alike.
 */
abstract class ChaosReport {
    private final long started = System.nanoTime();
    private final List<String> results = new ArrayList<>();
    private boolean failed;

    /** A progress line, with the seconds since the run started. */
    void log(String fmt, Object... args) {
        System.out.printf(Locale.ROOT, "[%6.1f s] %s%n", (System.nanoTime() - started) / 1e9, String.format(Locale.ROOT, fmt, args));
        System.out.flush();
    }

    /** A check line; one that did not pass fails the run. */
    void result(boolean pass, String fmt, Object... args) {
        String line = (pass ? "PASS " : "FAIL ") + String.format(Locale.ROOT, fmt, args);
        results.add(line);
        failed |= !pass;
        System.out.println(line);
        System.out.flush();
    }

    /** Prints the verdict and every check line again; the exit code, 1 when a check failed. */
    int verdict() {
        System.out.println(failed ? "CHAOS TEST FAILED" : "CHAOS TEST PASSED");
        for (String r : results) {
            System.out.println("  " + r);
        }
        return failed ? 1 : 0;
    }

    /**
     * Runs a chaos run and exits with its code: its child processes are killed on any exit, and a
     * run still going after {@code timeoutMinutes} prints a FAIL line and halts the JVM (exit 3).
     */
    static void runAndExit(int timeoutMinutes, Runnable killChildren, java.util.concurrent.Callable<Integer> run)
            throws Exception {
        Runtime.getRuntime().addShutdownHook(new Thread(killChildren));
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(java.util.concurrent.TimeUnit.MINUTES.toMillis(timeoutMinutes));
                System.out.println("FAIL chaos test did not finish within " + timeoutMinutes + " minutes");
                System.out.flush();
                Runtime.getRuntime().halt(3);
            } catch (InterruptedException e) {
                // finished in time
            }
        }, "watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        int rc = run.call();
        watchdog.interrupt();
        System.exit(rc);
    }
}
