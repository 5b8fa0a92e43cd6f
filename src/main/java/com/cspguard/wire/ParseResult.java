package com.cspguard.wire;

import java.util.List;

/** A parsed input record, or every problem found in it. */
public sealed interface ParseResult<T> {

    record Ok<T>(T value) implements ParseResult<T> { }

    record Bad<T>(List<String> problems) implements ParseResult<T> {
        public Bad {
            problems = List.copyOf(problems);
        }

        /** The {@code error.reason} header: every problem, separated by "; ". */
        public String reason() {
            return String.join("; ", problems);
        }
    }
}
