package com.cspguard.bench;

import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StreamThreadTimesTest {
    private static Map.Entry<MetricName, Metric> metric(String name, String thread, double value) {
        MetricName key = new MetricName(name, "stream-thread-metrics", "", Map.of("thread-id", thread));
        return Map.entry(key, new Metric() {
            @Override
            public MetricName metricName() {
                return key;
            }

            @Override
            public Object metricValue() {
                return value;
            }
        });
    }

    @Test
    void eachStepIsItsWorstThreadsAverageAndMaximum() {
        Map<MetricName, Metric> metrics = new HashMap<>();
        for (var e : new Map.Entry[] {
                metric("commit-latency-avg", "t1", 12.4), metric("commit-latency-max", "t1", 180),
                metric("commit-latency-avg", "t2", 20.0), metric("commit-latency-max", "t2", 90),
                metric("poll-latency-avg", "t1", 3), metric("poll-latency-max", "t1", Double.NaN),
                metric("punctuate-latency-avg", "t1", 1), metric("punctuate-latency-max", "t1", 40)}) {
            @SuppressWarnings("unchecked") Map.Entry<MetricName, Metric> m = e;
            metrics.put(m.getKey(), m.getValue());
        }
        // a metric of another group with the same name is not the thread's
        MetricName other = new MetricName("commit-latency-max", "stream-task-metrics", "", Map.of());
        metrics.put(other, metric("commit-latency-max", "t9", 9999).getValue());
        assertThat(StreamThreadTimes.of(metrics)).isEqualTo("commit 20 / 180, poll 3 / NaN, punctuate 1 / 40");
    }

    @Test
    void noMetricsNoFigures() {
        assertThat(StreamThreadTimes.of(Map.of())).isEqualTo("n/a");
    }
}
