package com.cspguard.domain;

import java.util.List;

public enum Decision {
    ALLOWED, ALLOWED_WITH_WARNINGS, BLOCKED;

    /** BLOCKED when any finding blocks, ALLOWED_WITH_WARNINGS when any warns; INFO alone allows. */
    public static Decision of(List<Finding> findings) {
        boolean warning = false;
        for (Finding f : findings) {
            if (f.severity() == Severity.BLOCKING) {
                return BLOCKED;
            }
            warning |= f.severity() == Severity.WARNING;
        }
        return warning ? ALLOWED_WITH_WARNINGS : ALLOWED;
    }
}
