package com.cspguard.domain;

import java.util.List;

/** One reason a transfer will fail or lose something, with what the partner can do about it. */
public record Finding(AlertCode code, Severity severity, List<String> subscriptionIds, String message, String remediation) {

    public Finding {
        subscriptionIds = List.copyOf(subscriptionIds);
    }

    public static Finding of(AlertCode code, List<String> subscriptionIds, String message, String remediation) {
        return new Finding(code, code.severity(), subscriptionIds, message, remediation);
    }
}
