package com.cspguard.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How the CPU-only figure is made of its passes. */
class CpuBenchTest {
    @Test
    void theFigureIsTheMedianOfThePasses() {
        assertThat(CpuBench.median(new double[]{70_000, 35_000, 76_000, 78_000, 71_000})).isEqualTo(71_000);
        assertThat(CpuBench.median(new double[]{60_000, 80_000})).isEqualTo(70_000);
        assertThat(CpuBench.median(new double[]{50_000})).isEqualTo(50_000);
    }

    @Test
    void everyPassIsListedInTheOrderRun() {
        assertThat(CpuBench.inOrder(new double[]{65_939.4, 35_215.2, 76_257})).isEqualTo("passes 65,939, 35,215, 76,257");
    }
}
