package com.cspguard.chaos;

import com.cspguard.chaos.ChaosLoad.BadKind;
import com.cspguard.chaos.ChaosLoad.Rec;
import com.cspguard.wire.Json;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The chaos test's checks, on the output topics as a {@code read_committed} consumer sees them. */
final class OutputChecks {
    private static final Pattern BAD_ID = Pattern.compile("bad-(\\d+)");

    private final String bootstrap;
    private final ChaosReport run;

    OutputChecks(String bootstrap, ChaosReport run) {
        this.bootstrap = bootstrap;
        this.run = run;
    }

    void check(ExpectedCounts expected, Map<String, Rec> badById) {
        checkCounts(expected);
        checkUnique("transfer-alerts", "alertId", v -> v.get("alertId").asText());
        checkUnique("expiry-timers", "timerId", v -> v.get("timerId").asText());
        checkUnique("transfer-decisions", "(transferId, revision)",
                v -> v.get("transferId").asText() + "#" + v.get("revision").asText());
        checkDeadLetters(badById);
    }

    private void checkCounts(ExpectedCounts expected) {
        Map<String, JsonNode> last = new HashMap<>();
        long records = read("tenant-subscription-counts", r -> last.put(key(r), json(r.value())));
        int exact = 0;
        int wrong = 0;
        int missing = 0;
        List<String> examples = new ArrayList<>();
        for (String tenant : expected.tenants()) {
            JsonNode got = last.get(tenant);
            if (got == null) {
                missing++;
                continue;
            }
            Map<String, Integer> byStatus = new TreeMap<>();
            got.path("byStatus").fields().forEachRemaining(e -> {
                if (e.getValue().asInt() != 0) {
                    byStatus.put(e.getKey(), e.getValue().asInt());
                }
            });
            int counted = got.path("countedSubscriptions").asInt(-1);
            if (counted == expected.counted(tenant) && byStatus.equals(expected.byStatus(tenant))) {
                exact++;
            } else {
                wrong++;
                if (examples.size() < 3) {
                    examples.add(tenant + " counted " + counted + " expected " + expected.counted(tenant)
                            + ", byStatus " + byStatus + " expected " + expected.byStatus(tenant));
                }
            }
        }
        run.result(wrong == 0 && missing == 0,
                "counts: %,d of %,d tenants' last tenant-subscription-counts record exact, %,d wrong, %,d missing (%,d records read)%s",
                exact, expected.tenants().size(), wrong, missing, records, examples.isEmpty() ? "" : "; e.g. " + examples);
    }

    private void checkUnique(String topic, String what, java.util.function.Function<JsonNode, String> id) {
        Map<String, Integer> seen = new HashMap<>();
        long records = read(topic, r -> seen.merge(id.apply(json(r.value())), 1, Integer::sum));
        long repeated = seen.values().stream().filter(n -> n > 1).count();
        long extra = seen.values().stream().mapToLong(n -> n - 1).sum();
        List<String> examples = seen.entrySet().stream().filter(e -> e.getValue() > 1).limit(3)
                .map(e -> e.getKey() + " x" + e.getValue()).toList();
        run.result(repeated == 0 && records > 0, "%s: %,d records, %,d distinct %s, %,d appear more than once (%,d extra records)%s",
                topic, records, seen.size(), what, repeated, extra, examples.isEmpty() ? "" : "; e.g. " + examples);
    }

    private void checkDeadLetters(Map<String, Rec> badById) {
        Map<String, Integer> seen = new HashMap<>();
        int[] withoutReason = {0};
        int[] unexpected = {0};
        List<String> unexpectedExamples = new ArrayList<>();
        long records = read("transfer-guard-dlq", r -> {
            String head = r.value() == null ? "" : new String(r.value(), 0, Math.min(r.value().length, 300), StandardCharsets.UTF_8);
            Matcher m = BAD_ID.matcher(head);
            Header reason = r.headers().lastHeader("error.reason");
            if (reason == null || reason.value() == null || reason.value().length == 0) {
                withoutReason[0]++;
            }
            if (m.find() && badById.containsKey(m.group())) {
                seen.merge(m.group(), 1, Integer::sum);
            } else {
                unexpected[0]++;
                if (unexpectedExamples.size() < 3) {
                    unexpectedExamples.add(head.substring(0, Math.min(120, head.length())) + " / reason "
                            + (reason == null ? "none" : new String(reason.value(), StandardCharsets.UTF_8)));
                }
            }
        });
        Map<BadKind, Integer> missingByKind = new EnumMap<>(BadKind.class);
        Map<BadKind, Integer> repeatedByKind = new EnumMap<>(BadKind.class);
        badById.forEach((id, rec) -> {
            int n = seen.getOrDefault(id, 0);
            if (n == 0) {
                missingByKind.merge(rec.kind(), 1, Integer::sum);
            } else if (n > 1) {
                repeatedByKind.merge(rec.kind(), 1, Integer::sum);
            }
        });
        long once = seen.values().stream().filter(n -> n == 1).count();
        int missing = missingByKind.values().stream().mapToInt(Integer::intValue).sum();
        int repeated = repeatedByKind.values().stream().mapToInt(Integer::intValue).sum();
        run.result(missing == 0 && repeated == 0 && withoutReason[0] == 0 && unexpected[0] == 0,
                "dead letters: %,d of %,d bad records exactly once, %,d missing %s, %,d more than once %s, %,d without error.reason, "
                        + "%,d not from the bad records (%,d records read)%s",
                once, badById.size(), missing, missingByKind, repeated, repeatedByKind, withoutReason[0], unexpected[0], records,
                unexpectedExamples.isEmpty() ? "" : "; e.g. " + unexpectedExamples);
    }

    private static String key(ConsumerRecord<byte[], byte[]> r) {
        return r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8);
    }

    private static JsonNode json(byte[] value) {
        try {
            return Json.MAPPER.readTree(value);
        } catch (IOException e) {
            throw new IllegalStateException("output is not JSON: " + new String(value, StandardCharsets.UTF_8), e);
        }
    }

    /** Reads the whole topic up to its last stable offset; returns the number of records. */
    private long read(String topic, Consumer<ConsumerRecord<byte[], byte[]>> each) {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 << 20);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        long count = 0;
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
            List<TopicPartition> parts = c.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (parts.stream().anyMatch(tp -> c.position(tp, Duration.ofSeconds(30)) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    run.result(false, "%s: not read to its end within 3 minutes", topic);
                    break;
                }
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                    each.accept(r);
                    count++;
                }
            }
        }
        return count;
    }
}
