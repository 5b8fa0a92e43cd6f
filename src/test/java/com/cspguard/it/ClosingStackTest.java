package com.cspguard.it;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The teardown of GuardIntegration: newest first, and complete whatever fails. */
class ClosingStackTest {
    private final List<String> closed = new ArrayList<>();

    private AutoCloseable named(String name) {
        return () -> closed.add(name);
    }

    @Test
    void closesNewestFirst() {
        ClosingStack stack = new ClosingStack();
        stack.open(() -> named("broker"));
        stack.open(() -> named("one"));
        stack.push(named("two"));
        stack.close();
        assertThat(closed).containsExactly("two", "one", "broker");
    }

    @Test
    void aFailedStartClosesWhatWasStartedAndItself() {
        ClosingStack stack = new ClosingStack();
        stack.open(() -> named("broker"));
        RuntimeException never = new IllegalStateException("stream never ran");
        assertThatThrownBy(() -> stack.open(() -> named("service"), s -> { throw never; })).isSameAs(never);
        assertThat(closed).containsExactly("service", "broker");
        stack.close(); // nothing is closed twice
        assertThat(closed).hasSize(2);
    }

    @Test
    void aFailedMakeClosesWhatCameBefore() {
        ClosingStack stack = new ClosingStack();
        stack.open(() -> named("broker"));
        assertThatThrownBy(() -> stack.open(() -> { throw new IllegalStateException("port taken"); }))
                .hasMessage("port taken");
        assertThat(closed).containsExactly("broker");
    }

    @Test
    void everyCloseIsTriedAndTheFirstFailureReported() {
        ClosingStack stack = new ClosingStack();
        stack.push(named("broker"));
        stack.push(() -> { throw new IllegalStateException("second"); });
        stack.push(named("two"));
        stack.push(() -> { throw new IllegalStateException("first"); });
        assertThatThrownBy(stack::close).hasMessage("first")
                .satisfies(e -> assertThat(e.getSuppressed()).extracting(Throwable::getMessage).containsExactly("second"));
        assertThat(closed).containsExactly("two", "broker");
    }
}
