package com.cspguard.bench;

/** Runs only the CPU part of the benchmark, for profiling: java ... com.cspguard.bench.CpuOnly */
public final class CpuOnly {
    public static void main(String[] args) throws Exception {
        CpuBench.run(Integer.getInteger("bench.tenants", 20_000), Long.getLong("bench.seed", 42L),
                (k, v) -> System.out.println(k + ": " + v));
    }
}
