package com.cspguard.bench;

import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

import java.util.List;
import java.util.Map;

/**
 * What a stream thread's loop spends on each of its steps, from Kafka Streams' thread metrics:
 * a decision is readable only once the transaction that wrote it commits, so how long commits take,
 * and how long a poll or a punctuation holds the thread, are part of every decision's latency.
 */
final class StreamThreadTimes {
    private static final List<String> STEPS = List.of("commit", "poll", "punctuate");

    private StreamThreadTimes() {
    }

    /** "commit 12 / 180, poll 3 / 90, punctuate 1 / 40" (ms, average / maximum), over the streams' threads. */
    static String of(KafkaStreams streams) {
        return of(streams.metrics());
    }

    static String of(Map<MetricName, ? extends Metric> metrics) {
        StringBuilder text = new StringBuilder();
        for (String step : STEPS) {
            double avg = worst(metrics, step + "-latency-avg");
            double max = worst(metrics, step + "-latency-max");
            if (Double.isNaN(avg) && Double.isNaN(max)) {
                continue;
            }
            text.append(text.isEmpty() ? "" : ", ").append(String.format("%s %.0f / %.0f", step, avg, max));
        }
        return text.isEmpty() ? "n/a" : text.toString();
    }

    /** The largest value of a thread-level metric over the threads; NaN when none has one. */
    private static double worst(Map<MetricName, ? extends Metric> metrics, String name) {
        double worst = Double.NaN;
        for (Map.Entry<MetricName, ? extends Metric> e : metrics.entrySet()) {
            if (e.getKey().name().equals(name) && e.getKey().group().equals("stream-thread-metrics")
                    && e.getValue().metricValue() instanceof Double value && !value.isNaN()) {
                worst = Double.isNaN(worst) ? value : Math.max(worst, value);
            }
        }
        return worst;
    }
}
