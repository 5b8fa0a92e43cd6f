package com.cspguard.chaos;

import com.cspguard.wire.Json;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The counts every tenant must end with, worked out from the input alone, the contract's way and
 * not the service's: per subscription the snapshot with the latest {@code occurredAt} wins, a
 * repeated {@code eventId} is ignored whatever it says, and a subscription counts while it is
 * active, pending or suspended. Bad records are not fed in.
 */
public final class ExpectedCounts {
    static final Set<String> COUNTED = Set.of("active", "pending", "suspended");

    private record Held(Instant occurredAt, String status) { }

    private final Set<String> seenEventIds = new HashSet<>();
    private final Map<String, Map<String, Held>> byTenant = new HashMap<>();

    /** Feeds one valid subscription event, in the order it was written to its partition. */
    public void accept(String tenant, byte[] value) {
        JsonNode e;
        try {
            e = Json.MAPPER.readTree(value);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        if (!seenEventIds.add(e.get("eventId").asText())) {
            return;
        }
        Instant at = Instant.parse(e.get("occurredAt").asText());
        JsonNode sub = e.get("subscription");
        Map<String, Held> subs = byTenant.computeIfAbsent(tenant, k -> new HashMap<>());
        Held held = subs.get(sub.get("id").asText());
        if (held == null || at.isAfter(held.occurredAt())) {
            subs.put(sub.get("id").asText(), new Held(at, sub.get("status").asText().toLowerCase()));
        }
    }

    public Set<String> tenants() {
        return byTenant.keySet();
    }

    public int counted(String tenant) {
        return (int) byTenant.getOrDefault(tenant, Map.of()).values().stream()
                .filter(h -> COUNTED.contains(h.status())).count();
    }

    /** Subscriptions per status, statuses with none left out. */
    public Map<String, Integer> byStatus(String tenant) {
        Map<String, Integer> out = new TreeMap<>();
        byTenant.getOrDefault(tenant, Map.of()).values().forEach(h -> out.merge(h.status(), 1, Integer::sum));
        return out;
    }
}
