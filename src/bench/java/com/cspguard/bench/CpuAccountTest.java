package com.cspguard.bench;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CpuAccountTest {
    @Test
    void aPoolIsOneConsumerWhateverItsIdsAndNumbers() {
        assertThat(CpuAccount.consumer("bench-service-0b5e7c1a-3f2d-4c9e-8a7b-1234567890ab-StreamThread-1"))
                .isEqualTo("bench-service-<id>-StreamThread-#");
        assertThat(CpuAccount.consumer("kafka-producer-network-thread | producer-12")).isEqualTo("kafka-producer-network-thread | producer-#");
    }

    @Test
    void nativeThreadsAreNamedByKindAndJavaThreadsAreNot() {
        assertThat(CpuAccount.nativeKind("GC Thread#1")).isEqualTo("JVM: garbage collector");
        assertThat(CpuAccount.nativeKind("G1 Conc#0")).isEqualTo("JVM: garbage collector");
        assertThat(CpuAccount.nativeKind("C2 CompilerThre")).isEqualTo("JVM: JIT compilers");
        assertThat(CpuAccount.nativeKind("rocksdb:low")).isEqualTo("RocksDB: compactions");
        assertThat(CpuAccount.nativeKind("rocksdb:high")).isEqualTo("RocksDB: flushes");
        assertThat(CpuAccount.nativeKind("kafka-producer-")).isNull();
    }

    @Test
    void aStatLineGivesUserPlusSystemTime() {
        // pid (comm with ) and spaces) state ppid ... utime=14th stime=15th field
        String stat = "42 (rocksdb:low) x) S 1 2 3 4 5 6 7 8 9 10 250 50 0 0 20 0 1 0";
        assertThat(CpuAccount.ticks(stat)).isEqualTo(300 * 10_000_000L);
    }

    @Test
    void theSummaryKeepsMachineBrokerProcessAndStreamThreads() {
        Map<String, Double> account = new LinkedHashMap<>();
        account.put("machine (2 cores)", 1750.0);
        account.put("broker process", 286.0);
        account.put("benchmark process", 1300.0);
        account.put("  bench-service-<id>-StreamThread-#", 658.0);
        account.put("  kafka-producer-network-thread | bench-service-<id>-StreamThread-#-producer", 120.0);
        assertThat(CpuAccount.summary(account)).isEqualTo("1,750; 286; 1,300; 658");
        assertThat(CpuAccount.summary(Map.of())).isEqualTo("n/a");
    }

    @Test
    void theServiceProcessComesAfterTheMachineAndTheBroker() {
        Map<String, Double> own = new LinkedHashMap<>();
        own.put(CpuAccount.MACHINE, 1600.0);
        own.put("broker process", 300.0);
        own.put("benchmark process", 250.0);
        own.put("  main", 80.0);
        Map<String, Double> service = new LinkedHashMap<>();
        service.put("service process", 900.0);
        service.put("  bench-service-<id>-StreamThread-#", 650.0);
        service.put("  JVM: garbage collector", 40.0);
        own.put("  JVM: garbage collector", 30.0);
        Map<String, Double> all = CpuAccount.merge(own, service);
        assertThat(all.keySet()).containsExactly(CpuAccount.MACHINE, "broker process", "service process",
                "  service: bench-service-<id>-StreamThread-#", "  service: JVM: garbage collector", "benchmark process",
                "  main", "  JVM: garbage collector");
        assertThat(all.get("  JVM: garbage collector")).isEqualTo(30.0);
        assertThat(all.get("  service: JVM: garbage collector")).isEqualTo(40.0);
        assertThat(CpuAccount.summary(all)).isEqualTo("1,600; 300; 900; 650; 250");
        assertThat(CpuAccount.merge(own, Map.of())).isEqualTo(own);
    }

    @Test
    void anAccountWithoutABrokerHasNoMachineLine() throws Exception {
        CpuAccount account = new CpuAccount(0, "service process");
        account.start();
        Thread.sleep(50);
        assertThat(account.perSecond()).containsKey("service process").doesNotContainKeys(CpuAccount.MACHINE, "broker process");
    }

    @Test
    void anAccountNeverStartedIsEmpty() {
        assertThat(new CpuAccount(ProcessHandle.current().pid()).perSecond()).isEmpty();
    }

    @Test
    void aStartedAccountSeesThisProcessWork() throws Exception {
        CpuAccount account = new CpuAccount(ProcessHandle.current().pid());
        account.start();
        long until = System.nanoTime() + 300_000_000L;
        long sink = 0;
        while (System.nanoTime() < until) {
            sink += Long.numberOfTrailingZeros(sink + System.nanoTime());
        }
        Map<String, Double> perSecond = account.perSecond();
        assertThat(sink).isPositive();
        if (java.nio.file.Files.exists(java.nio.file.Path.of("/proc/stat"))) {
            assertThat(perSecond.get("machine (" + Runtime.getRuntime().availableProcessors() + " cores)")).isPositive();
            assertThat(perSecond.keySet()).anyMatch(name -> name.contains(Thread.currentThread().getName()));
            // the consumers share the process's CPU: none is counted since the process started
            double consumers = perSecond.entrySet().stream().filter(e -> e.getKey().startsWith("  "))
                    .mapToDouble(Map.Entry::getValue).sum();
            assertThat(consumers).isLessThan(perSecond.get("benchmark process") + 200);
        }
    }
}
