package com.cspguard.bench;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The records an application's producers sent, per topic, from their {@code record-send-total}
 * less {@code record-retry-total} metrics: changelog, repartition and output records alike, as the
 * run wrote them (also those of a transaction aborted by a rebalance: written all the same). Reading the
 * topics back would miss what Kafka Streams purges from repartition topics once committed, and their
 * end offsets also count the transaction markers of exactly-once. Sampled while the application
 * runs, because a producer replaced after being fenced starts again from zero under the same name.
 */
final class RecordsWritten {
    private final Map<MetricName, Double> last = new HashMap<>();
    private final Map<String, Double> carried = new HashMap<>();

    void sample(KafkaStreams streams) {
        streams.metrics().forEach((name, metric) -> {
            // a batch sent again after a retriable error counts again in record-send-total and once
            // in record-retry-total: the difference is what was written
            if (name.group().equals("producer-topic-metrics")
                    && (name.name().equals("record-send-total") || name.name().equals("record-retry-total"))
                    && metric.metricValue() instanceof Number n) {
                Double before = last.put(name, n.doubleValue());
                if (before != null && n.doubleValue() < before) {
                    carried.merge(name.tags().get("topic"), sign(name) * before, Double::sum);
                }
            }
        });
    }

    private static double sign(MetricName name) {
        return name.name().equals("record-retry-total") ? -1 : 1;
    }

    /** Records sent per topic, retries not counted again; topics in name order. */
    Map<String, Long> byTopic() {
        Map<String, Double> sums = new TreeMap<>(carried);
        last.forEach((name, value) -> sums.merge(name.tags().get("topic"), sign(name) * value, Double::sum));
        Map<String, Long> out = new TreeMap<>();
        sums.forEach((topic, value) -> out.put(topic, Math.round(value)));
        return out;
    }

    long total(Predicate<String> topics) {
        return byTopic().entrySet().stream().filter(e -> topics.test(e.getKey())).mapToLong(Map.Entry::getValue).sum();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        byTopic().forEach((topic, n) -> text.append(String.format("%n    %-60s %,12d", topic, n)));
        return text.toString();
    }
}
