package com.cspguard.domain;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/** Deterministic ids: the same cause always gives the same id, so consumers can drop repeats. */
public final class Ids {
    private Ids() { }

    public static String alertId(String tenantId, String transferId, AlertCode code, List<String> subscriptionIds) {
        return nameBased("alert", tenantId, transferId, code.name(), String.join(",", subscriptionIds));
    }

    /** The threshold alert is named by the event that took the tenant above the threshold. */
    public static String thresholdAlertId(String tenantId, String eventId) {
        return nameBased("alert", tenantId, "", AlertCode.TENANT_ABOVE_DUPLICATION_THRESHOLD.name(), eventId);
    }

    public static String timerId(String tenantId, String subscriptionId, String timerType, long dueAtMillis) {
        return nameBased("timer", tenantId, subscriptionId, timerType, Long.toString(dueAtMillis));
    }

    private static String nameBased(String... parts) {
        return UUID.nameUUIDFromBytes(String.join("\u0000", parts).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
