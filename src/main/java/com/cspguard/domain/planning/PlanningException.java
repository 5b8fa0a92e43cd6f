package com.cspguard.domain.planning;

import java.util.List;

/** The request cannot be planned at all (dates, horizon); each problem is named. HTTP answers 400. */
public final class PlanningException extends RuntimeException {
    private final List<String> problems;

    public PlanningException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
