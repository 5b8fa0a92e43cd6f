package com.cspguard.bench;

import com.cspguard.topology.GuardMetrics;
import com.cspguard.topology.GuardSettings;
import com.cspguard.topology.GuardTopology;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.BiConsumer;

/** Events per second through the service's topology on one thread, without a broker. */
final class CpuBench {
    private CpuBench() { }

    static void run(int tenants, long seed, BiConsumer<String, String> put) throws Exception {
        List<DataSet.Rec> records = new ArrayList<>();
        int limit = Integer.getInteger("bench.cpu.records", 400_000);
        new DataSet(tenants, seed, Instant.now()).generate((t, r) -> {
            if (records.size() < limit) {
                records.add(r);
            }
        });
        StreamsBuilder builder = new StreamsBuilder();
        GuardTopology.build(builder, GuardSettings.defaults(), GuardMetrics.NONE);
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench-cpu");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("bench-cpu").toString());
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), p)) {
            TestInputTopic<byte[], byte[]> events = driver.createInputTopic("subscription-events",
                    Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer());
            TestInputTopic<byte[], byte[]> requests = driver.createInputTopic("transfer-requests",
                    Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer());
            int warmup = records.size() / 4;
            long t0 = 0;
            for (int i = 0; i < records.size(); i++) {
                if (i == warmup) {
                    t0 = System.nanoTime();
                }
                DataSet.Rec r = records.get(i);
                (r.topic().equals("subscription-events") ? events : requests).pipeInput(r.key(), r.value());
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            put.accept("CPU: topology in TopologyTestDriver, 1 thread (target >= 200,000/s)",
                    String.format("%,.0f events/s (%,d events after %,d warm-up)", (records.size() - warmup) / seconds,
                            records.size() - warmup, warmup));
        }
    }
}
