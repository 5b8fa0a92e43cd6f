package com.cspguard.topology.deadletters;

/** How an exception is named in an {@code error.reason}. */
final class Failures {
    private Failures() { }

    static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    static Long timestamp(long t) {
        return t < 0 ? null : t;
    }
}
