package com.cspguard.bench;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The service the latency phase measures: by default in the benchmark's own JVM; with
 * {@code -Dbench.latency.service=process} a process of its own ({@link ServiceProcess}, JVM options
 * {@code -Dbench.service.java.options}, after {@code -Xmx2g}), whose collector pauses for the service
 * alone, not for the data sets, the load generator and the reader too, but whose JIT starts cold
 * (docs/benchmarks.md, seventh session). Profiling the latency phase keeps it in process. Either way
 * the same topology, settings and state.
 */
abstract class LatencyService implements AutoCloseable {

    /** The service's side of the CPU account starts now. */
    abstract void measureFrom() throws IOException;

    /** The service process's CPU account since {@link #measureFrom} (empty in process) and its stream thread's times. */
    abstract Report report() throws IOException, InterruptedException;

    @Override
    public abstract void close() throws Exception;

    record Report(Map<String, Double> cpu, String threadTimes) {
    }

    static boolean inProcess() {
        return !"process".equals(System.getProperty("bench.latency.service", "in-process"))
                || System.getProperty("bench.latency.profiler.jar") != null;
    }

    static LatencyService start(String bootstrap, Path state, String appId, Topology topology, Path dir) throws Exception {
        return inProcess() ? new InProcess(bootstrap, state, appId, topology) : new OwnProcess(bootstrap, state, appId, dir);
    }

    private static final class InProcess extends LatencyService {
        private final KafkaStreams streams;

        InProcess(String bootstrap, Path state, String appId, Topology topology) throws InterruptedException {
            streams = new KafkaStreams(topology, StreamsRun.props(bootstrap, appId, state));
            streams.start();
            StreamsRun.awaitRunning(streams, 600_000);
        }

        @Override
        void measureFrom() {
            // the benchmark process's own account covers the service
        }

        @Override
        Report report() {
            return new Report(Map.of(), StreamThreadTimes.of(streams));
        }

        @Override
        public void close() {
            streams.close();
        }
    }

    private static final class OwnProcess extends LatencyService {
        private final Process process;
        private final Writer commands;
        private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();

        OwnProcess(String bootstrap, Path state, String appId, Path dir) throws Exception {
            List<String> command = GuardBenchmark.javaCommand("bench.service.java.options", "-Xmx2g");
            // the same Streams settings as every other application of the run
            System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("bench.streams."))
                    .forEach(k -> command.add("-D" + k + "=" + System.getProperty(k)));
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), ServiceProcess.class.getName(),
                    bootstrap, state.toString(), appId));
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
            commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            Path log = dir.resolve("latency-service.out");
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                     Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        if (line.startsWith(ServiceProcess.PREFIX)) {
                            answers.add(line.substring(ServiceProcess.PREFIX.length()));
                        } else {
                            out.write(line);
                            out.write('\n');
                            out.flush();
                        }
                    }
                } catch (IOException e) {
                    // the process ended
                }
                answers.add("ended");
            }, "latency-service-stdout");
            reader.setDaemon(true);
            reader.start();
            String first = answers.poll(600, TimeUnit.SECONDS);
            if (!"running".equals(first)) {
                process.destroyForcibly();
                throw new IllegalStateException("the service process did not start (" + first + "); see " + log);
            }
        }

        private void send(String line) throws IOException {
            commands.write(line + "\n");
            commands.flush();
        }

        @Override
        void measureFrom() throws IOException {
            send("cpu-start");
        }

        @Override
        Report report() throws IOException, InterruptedException {
            send("report");
            Map<String, Double> cpu = new LinkedHashMap<>();
            String times = "n/a";
            for (String line = answers.poll(60, TimeUnit.SECONDS); line != null && !line.equals("end") && !line.equals("ended");
                 line = answers.poll(60, TimeUnit.SECONDS)) {
                if (line.startsWith("cpu ")) {
                    int tab = line.lastIndexOf('\t');
                    cpu.put(line.substring(4, tab), Double.parseDouble(line.substring(tab + 1)));
                } else if (line.startsWith("times ")) {
                    times = line.substring(6);
                }
            }
            return new Report(cpu, times);
        }

        /**
         * The end of its input closes the streams; a process that has not ended 90 s later is killed,
         * and waited for: the next round's service opens the same state directory.
         */
        @Override
        public void close() throws Exception {
            commands.close();
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }
}
