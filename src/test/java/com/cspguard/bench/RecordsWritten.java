package com.cspguard.bench;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The records an application's producers sent, per topic, from their {@code record-send-total}
 * metrics: changelog, repartition and output records alike, as the run wrote them. Reading the
 * topics back would miss what Kafka Streams purges from repartition topics once committed, and their
 * end offsets also count the transaction markers of exactly-once. Sampled while the application
 * runs, because a producer replaced after being fenced starts again from zero under the same name.
 */
final class RecordsWritten {
    private final Map<MetricName, Double> last = new HashMap<>();
    private final Map<String, Double> carried = new HashMap<>();

    void sample(KafkaStreams streams) {
        streams.metrics().forEach((name, metric) -> {
            if (name.group().equals("producer-topic-metrics") && name.name().equals("record-send-total")
                    && metric.metricValue() instanceof Number n) {
                Double before = last.put(name, n.doubleValue());
                if (before != null && n.doubleValue() < before) {
                    carried.merge(name.tags().get("topic"), before, Double::sum);
                }
            }
        });
    }

    /** Records sent per topic, topics in name order. */
    Map<String, Long> byTopic() {
        Map<String, Double> sums = new TreeMap<>(carried);
        last.forEach((name, value) -> sums.merge(name.tags().get("topic"), value, Double::sum));
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
