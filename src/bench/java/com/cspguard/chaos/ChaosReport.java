package com.cspguard.chaos;

/** Where a chaos run writes its progress and its check lines (PASS/FAIL). */
interface ChaosReport {
    void log(String fmt, Object... args);

    void result(boolean pass, String fmt, Object... args);

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
