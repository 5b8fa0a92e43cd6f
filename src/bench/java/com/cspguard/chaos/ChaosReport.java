package com.cspguard.chaos;

/** Where a chaos run writes its progress and its check lines (PASS/FAIL). */
interface ChaosReport {
    void log(String fmt, Object... args);

    void result(boolean pass, String fmt, Object... args);
}
