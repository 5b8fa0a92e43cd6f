package com.cspguard.bench;

import com.cspguard.runtime.FormatLocale;
import com.cspguard.topology.config.GuardMetrics;
import org.apache.kafka.streams.KafkaStreams;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The service under test as a process of its own, for the latency phase ({@code -Dbench.latency.service=process}):
 * in the benchmark's JVM the service shares the garbage collector's pauses with the data sets, the load
 * generator and the reader (1.4-1.7 GB live, young pauses of 54-134 ms; docs/benchmarks.md), which a
 * deployed service does not.
 * Arguments: bootstrap servers, state directory, application id; Streams settings from the same
 * {@code bench.streams.*} properties as in the benchmark. It says {@code @guard running} on standard
 * output once RUNNING, and answers on standard input: {@code cpu-start} starts its CPU account,
 * {@code report} prints the account ({@code @guard cpu <consumer>\t<ms per s>}), the stream thread's
 * times ({@code @guard times <text>}) and {@code @guard end}. End of input closes the streams.
 */
public final class ServiceProcess {
    static final String PREFIX = "@guard ";

    private ServiceProcess() {
    }

    public static void main(String[] args) throws Exception {
        FormatLocale.apply();
        PrintStream out = System.out;
        KafkaStreams streams = new KafkaStreams(GuardBenchmark.serviceTopology(GuardMetrics.NONE),
                StreamsRun.props(args[0], args[2], Path.of(args[1])));
        streams.start();
        StreamsRun.awaitRunning(streams, 600_000);
        out.println(PREFIX + "running");
        out.flush();
        CpuAccount cpu = new CpuAccount(0, "service process");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.equals("cpu-start")) {
                cpu.start();
            } else if (line.equals("report")) {
                for (Map.Entry<String, Double> e : cpu.perSecond().entrySet()) {
                    out.println(PREFIX + "cpu " + e.getKey() + "\t" + e.getValue());
                }
                out.println(PREFIX + "times " + StreamThreadTimes.of(streams));
                out.println(PREFIX + "end");
                out.flush();
            }
        }
        streams.close(Duration.ofSeconds(60));
        System.exit(0);
    }
}
