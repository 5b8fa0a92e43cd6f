package com.cspguard.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where the machine's CPU goes during a measured window, per second: the machine's busy time
 * ({@code /proc/stat}), the broker process ({@code /proc/<pid>/stat}), this process's Java threads
 * by name (the stream thread, its producer, the load generator, the reader) and its JVM and native
 * threads by kind (garbage collector, JIT compilers, RocksDB's flushes and compactions, from
 * {@code /proc/self/task}). The latency phase runs everything on the same cores, so a decision's
 * latency depends on what the others take. Linux only; elsewhere the account is empty.
 */
final class CpuAccount {
    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern NUMBER = Pattern.compile("\\d+");
    private static final long TICK_NS = 10_000_000L; // USER_HZ is 100 on Linux
    static final String MACHINE = "machine (" + Runtime.getRuntime().availableProcessors() + " cores)";

    private final long brokerPid;
    private final String process;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Map<Long, String> javaNames = new HashMap<>();
    private Sample first;

    CpuAccount(long brokerPid) {
        this(brokerPid, "benchmark process");
    }

    /**
     * @param brokerPid the broker's process, 0 for an account without the machine and the broker (the
     *                  service's own process, whose parent has them)
     * @param process   what this process is called in the account
     */
    CpuAccount(long brokerPid, String process) {
        this.brokerPid = brokerPid;
        this.process = process;
    }

    /** Starts the window. */
    void start() {
        first = sample();
    }

    /** CPU per second of the window so far, in ms per s by consumer, largest first; machine first. */
    Map<String, Double> perSecond() {
        Map<String, Double> account = new LinkedHashMap<>();
        if (first == null) {
            return account;
        }
        Sample last = sample();
        double seconds = (last.at - first.at) / 1e9;
        if (seconds <= 0 || last.machineBusyNs < 0) {
            return account;
        }
        if (brokerPid > 0) {
            account.put(MACHINE, (last.machineBusyNs - first.machineBusyNs) / 1e6 / seconds);
            account.put("broker process", (last.brokerNs - first.brokerNs) / 1e6 / seconds);
        }
        account.put(process, (last.processNs - first.processNs) / 1e6 / seconds);
        Map<String, Double> consumers = new HashMap<>();
        last.byConsumer.forEach((name, ns) -> {
            double ms = (ns - first.byConsumer.getOrDefault(name, 0L)) / 1e6 / seconds;
            if (ms >= 0.5) {
                consumers.put(name, ms);
            }
        });
        consumers.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> account.put("  " + e.getKey(), e.getValue()));
        return account;
    }

    /**
     * This process's account with the service process's ({@code service}, no machine or broker line):
     * the machine and the broker first, then the service, then the rest of this one.
     */
    static Map<String, Double> merge(Map<String, Double> own, Map<String, Double> service) {
        Map<String, Double> all = new LinkedHashMap<>();
        own.forEach((name, ms) -> {
            if (name.equals(MACHINE) || name.equals("broker process")) {
                all.put(name, ms);
            }
        });
        // the service's threads are named apart: both JVMs have a collector, compilers and a VM thread
        service.forEach((name, ms) -> all.put(name.startsWith("  ") ? "  service: " + name.substring(2) : name, ms));
        own.forEach(all::putIfAbsent);
        return all;
    }

    /** Machine, broker, this process and its stream threads, for the results table. */
    static String summary(Map<String, Double> account) {
        if (account.isEmpty()) {
            return "n/a";
        }
        StringBuilder text = new StringBuilder();
        account.forEach((name, ms) -> {
            if (!name.startsWith("  ") || name.endsWith("-StreamThread-#")) {
                text.append(text.isEmpty() ? "" : "; ").append(String.format("%,.0f", ms));
            }
        });
        return text.toString();
    }

    /** One line per consumer, as the benchmark prints it. */
    static String format(Map<String, Double> account) {
        StringBuilder text = new StringBuilder();
        account.forEach((name, ms) -> text.append(String.format("%n    %-96s %6.0f", name, ms)));
        return text.toString();
    }

    private record Sample(long at, long machineBusyNs, long brokerNs, long processNs, Map<String, Long> byConsumer) {
    }

    private Sample sample() {
        long at = System.nanoTime();
        Map<String, Long> byConsumer = new TreeMap<>();
        long javaTotal = 0;
        for (long id : threads.getAllThreadIds()) {
            long ns = threads.getThreadCpuTime(id);
            var info = threads.getThreadInfo(id);
            if (ns <= 0 || info == null) {
                continue;
            }
            javaNames.putIfAbsent(id, consumer(info.getThreadName()));
            byConsumer.merge(javaNames.get(id), ns, Long::sum);
            javaTotal += ns;
        }
        long nativeTotal = 0;
        for (Map.Entry<String, Long> e : nativeThreads().entrySet()) {
            byConsumer.merge(e.getKey(), e.getValue(), Long::sum);
            nativeTotal += e.getValue();
        }
        long processNs = ticks(Path.of("/proc/self/stat"));
        byConsumer.merge("other threads of the process", Math.max(0, processNs - javaTotal - nativeTotal), Long::sum);
        // a consumer whose threads all ended shows no CPU (its delta is 0, not negative); what its
        // threads used goes to the "other threads" line, which is the process's total less the rest
        if (first != null) {
            first.byConsumer.forEach(byConsumer::putIfAbsent);
        }
        return new Sample(at, machineBusy(), brokerPid > 0 ? ticks(Path.of("/proc/" + brokerPid + "/stat")) : 0, processNs, byConsumer);
    }

    /** A thread's consumer: its name without ids and numbers, so that a pool is one line. */
    static String consumer(String threadName) {
        return NUMBER.matcher(ID.matcher(threadName).replaceAll("<id>")).replaceAll("#");
    }

    /** The JVM's and RocksDB's own threads (no Java thread of them), CPU ns by kind. */
    private static Map<String, Long> nativeThreads() {
        Map<String, Long> kinds = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            tasks.forEach(task -> {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String kind = nativeKind(name);
                    if (kind != null) {
                        kinds.merge(kind, ticks(stat), Long::sum);
                    }
                } catch (IOException | RuntimeException e) {
                    // the thread ended between the listing and the read
                }
            });
        } catch (IOException e) {
            return kinds;
        }
        return kinds;
    }

    static String nativeKind(String comm) {
        if (comm.startsWith("GC Thread") || comm.startsWith("G1 ")) {
            return "JVM: garbage collector";
        }
        if (comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler")) {
            return "JVM: JIT compilers";
        }
        if (comm.startsWith("rocksdb:")) {
            return "RocksDB: " + (comm.startsWith("rocksdb:high") ? "flushes" : "compactions");
        }
        if (comm.equals("VM Thread") || comm.startsWith("VM Periodic")) {
            return "JVM: VM thread";
        }
        return null;
    }

    private static long ticks(Path stat) {
        try {
            return ticks(Files.readString(stat));
        } catch (IOException e) {
            return 0;
        }
    }

    /** utime + stime of a {@code stat} line, in ns. */
    static long ticks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * TICK_NS;
    }

    /** Busy ns of all cores (user, nice, system, irq, softirq), -1 without {@code /proc/stat}. */
    private static long machineBusy() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                if (i != 4 && i != 5 && i != 8) { // idle, iowait, steal (the hypervisor's, not ours)
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy * TICK_NS;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
