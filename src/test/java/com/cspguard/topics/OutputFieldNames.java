package com.cspguard.topics;

import com.cspguard.domain.AlertCode;
import com.cspguard.domain.Channel;
import com.cspguard.domain.Decision;
import com.cspguard.domain.Evaluation;
import com.cspguard.domain.Finding;
import com.cspguard.domain.GuardPolicy;
import com.cspguard.domain.HeldSubscription;
import com.cspguard.domain.Subscription;
import com.cspguard.domain.SubscriptionStatus;
import com.cspguard.domain.TenantCounts;
import com.cspguard.domain.TimerType;
import com.cspguard.wire.Json;
import com.cspguard.wire.OutputJson;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The field names the code writes to each output topic, taken from real output. */
final class OutputFieldNames {
    private OutputFieldNames() { }

    static Set<String> of(String topic) {
        Instant now = Instant.parse("2026-11-23T10:00:00Z");
        Finding f = Finding.of(AlertCode.AUTORENEW_ENABLED, List.of("s"), "m", "r");
        HeldSubscription held = new HeldSubscription("e", now, Channel.CSP, "p", new Subscription("s", "o", "n", 1,
                SubscriptionStatus.EXPIRED, false, now, LocalDate.parse("2026-12-01"), null, "P1Y", "monthly", false));
        ObjectNode node = switch (topic) {
            case "transfer-decisions" -> OutputJson.decision(1, new Evaluation("t", "c", Decision.BLOCKED, now, 1, 1, 2,
                    300, 150, List.of(f), 5, List.of("t-2")));
            case "transfer-alerts" -> OutputJson.alert("a", "c", "t", f, now);
            case "expiry-timers" -> readBack(OutputJson.timerBytes("id", "c", held, TimerType.GRACE_PERIOD_ENDING, now, now));
            case "tenant-subscription-counts" -> OutputJson.counts(new TenantCounts("c", 1, Map.of("active", 1), "DE", now),
                    GuardPolicy.defaults());
            default -> throw new IllegalArgumentException(topic);
        };
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static ObjectNode readBack(byte[] json) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
