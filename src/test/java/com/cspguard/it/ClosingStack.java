package com.cspguard.it;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What an integration test has started, closed last-started-first: a service closes before the
 * broker it reads from, and when a start fails, what was started before it is still closed.
 */
final class ClosingStack implements AutoCloseable {
    private final Deque<AutoCloseable> started = new ArrayDeque<>();

    /** Opens one more resource that starts as it is made; if that throws, everything before it is closed. */
    <T extends AutoCloseable> T open(Supplier<T> opening) {
        return open(opening, resource -> { });
    }

    /**
     * Makes one more resource and starts it; it is held from before its start, so a start that fails
     * half-way (a service whose stream never runs) is closed too, with everything before it.
     */
    <T extends AutoCloseable> T open(Supplier<T> making, Consumer<? super T> starting) {
        try {
            T resource = push(making.get());
            starting.accept(resource);
            return resource;
        } catch (RuntimeException | Error e) {
            closeAfter(e);
            throw e;
        }
    }

    /** Adds a resource started elsewhere (a service a test starts itself), to be closed with the rest. */
    <T extends AutoCloseable> T push(T resource) {
        started.push(resource);
        return resource;
    }

    /** Closes everything, newest first; every close is tried, the first failure is thrown with the others suppressed. */
    @Override
    public void close() {
        RuntimeException failure = null;
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e instanceof RuntimeException r ? r : new IllegalStateException(e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void closeAfter(Throwable startFailure) {
        try {
            close();
        } catch (RuntimeException e) {
            startFailure.addSuppressed(e);
        }
    }
}
