package com.cspguard.topology;

import com.cspguard.topology.config.GuardMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Metrics kept in memory so tests can check what was counted. */
final class CountingMetrics implements GuardMetrics {
    final Map<String, Integer> deadLettered = new ConcurrentHashMap<>();
    final Map<String, Integer> ignored = new ConcurrentHashMap<>();
    final List<Integer> reads = new ArrayList<>();
    final List<Integer> writes = new ArrayList<>();
    final List<Integer> timersTaken = new ArrayList<>();
    final List<Long> rebuilds = new ArrayList<>();

    @Override
    public void deadLettered(String sourceTopic) {
        deadLettered.merge(sourceTopic, 1, Integer::sum);
    }

    @Override
    public void ignored(String why) {
        ignored.merge(why, 1, Integer::sum);
    }

    @Override
    public void storeOperations(int readCount, int writeCount) {
        reads.add(readCount);
        writes.add(writeCount);
    }

    @Override
    public void timerFired(String timerType) { }

    @Override
    public void timersTaken(int entries) {
        timersTaken.add(entries);
    }

    @Override
    public void decisionEmitted(String decision) { }

    @Override
    public void indexesRebuilt(long subscriptions, long nanos) {
        rebuilds.add(subscriptions);
    }
}
