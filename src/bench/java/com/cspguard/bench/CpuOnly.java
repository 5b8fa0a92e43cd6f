package com.cspguard.bench;

/**
 * Runs only the CPU part of the benchmark, for profiling: java ... com.cspguard.bench.CpuOnly, on the
 * bench's own data set, or with -Dbench.datasets=churn on the churn set.
 */
public final class CpuOnly {
    public static void main(String[] args) throws Exception {
        long seed = Long.getLong("bench.seed", 42L);
        BenchData data = BenchData.fromProperties(seed, java.time.Instant.now());
        CpuBench.run(data, (k, v) -> System.out.println(k + ": " + v));
    }
}
