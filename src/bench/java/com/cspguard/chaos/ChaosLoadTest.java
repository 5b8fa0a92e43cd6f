package com.cspguard.chaos;

import com.cspguard.chaos.ChaosLoad.BadKind;
import com.cspguard.chaos.ChaosLoad.Rec;
import com.cspguard.wire.Json;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The chaos test's load has what the checks rely on, and its expectation follows the contract. */
class ChaosLoadTest {

    private static List<Rec> load(int events, int bad) {
        List<Rec> out = new ArrayList<>();
        new ChaosLoad(events, 50, bad, 7, Instant.parse("2026-11-26T12:00:00Z"), Arrays.asList(BadKind.values())).generate(out::add);
        return out;
    }

    @Test
    void everyKindOfBadRecordIsThereMarkedAtTheStartOfItsValue() {
        List<Rec> recs = load(3_000, 60);
        Map<BadKind, Integer> kinds = new EnumMap<>(BadKind.class);
        for (Rec r : recs) {
            if (r.badId() != null) {
                kinds.merge(r.kind(), 1, Integer::sum);
                String head = new String(r.value(), 0, Math.min(300, r.value().length), StandardCharsets.UTF_8);
                assertThat(head).contains(r.badId() + (r.kind() == BadKind.NOT_JSON ? ":" : "\""));
            }
        }
        assertThat(kinds.keySet()).containsExactlyInAnyOrder(BadKind.values());
        assertThat(kinds.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(60);
        Rec empty = recs.stream().filter(r -> r.kind() == BadKind.EMPTY_LINE_ITEMS_50K).findFirst().orElseThrow();
        assertThat(empty.value().length).isGreaterThanOrEqualTo(150_000);
        assertThat(recs.stream().filter(r -> r.kind() == BadKind.MISSING_KEY)).allMatch(r -> r.key() == null);
    }

    @Test
    void theLoadRepeatsEventIdsAndSendsStaleSnapshots() {
        Map<String, Integer> ids = new HashMap<>();
        Map<String, Instant> latest = new HashMap<>();
        int stale = 0;
        for (Rec r : load(3_000, 0)) {
            if (!r.topic().equals("subscription-events")) {
                continue;
            }
            JsonNode e = json(r.value());
            ids.merge(e.get("eventId").asText(), 1, Integer::sum);
            String sub = e.get("subscription").get("id").asText();
            Instant at = Instant.parse(e.get("occurredAt").asText());
            Instant held = latest.get(sub);
            if (held != null && at.isBefore(held)) {
                stale++;
            } else {
                latest.put(sub, at);
            }
        }
        assertThat(ids.values().stream().filter(n -> n > 1).count()).isGreaterThan(30);
        assertThat(stale).isGreaterThan(30);
    }

    @Test
    void expectedCountsTakeTheLatestSnapshotAndIgnoreARepeatedEventIdWhateverItSays() {
        ExpectedCounts expected = new ExpectedCounts();
        expected.accept("t", event("e1", "2026-11-01T00:00:00Z", "s1", "active"));
        expected.accept("t", event("e2", "2026-11-02T00:00:00Z", "s2", "suspended"));
        expected.accept("t", event("e3", "2026-10-01T00:00:00Z", "s1", "deleted"));   // stale
        expected.accept("t", event("e2", "2026-11-09T00:00:00Z", "s2", "expired"));   // repeated id
        expected.accept("t", event("e4", "2026-11-03T00:00:00Z", "s3", "pending"));
        expected.accept("t", event("e5", "2026-11-04T00:00:00Z", "s3", "disabled"));
        assertThat(expected.counted("t")).isEqualTo(2);
        assertThat(expected.byStatus("t")).isEqualTo(Map.of("active", 1, "suspended", 1, "disabled", 1));
    }

    private static byte[] event(String id, String at, String sub, String status) {
        return ("{\"eventId\":\"" + id + "\",\"occurredAt\":\"" + at + "\",\"customerTenantId\":\"t\","
                + "\"subscription\":{\"id\":\"" + sub + "\",\"offerId\":\"o\",\"status\":\"" + status + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode json(byte[] v) {
        try {
            return Json.MAPPER.readTree(v);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
