package com.cspguard.bench;

import com.cspguard.runtime.kafka.EmbeddedKafkaBroker;

import java.nio.file.Path;
import java.util.Map;

/**
 * The benchmark's broker, started as its own process so that its CPU is not the measured
 * application's: prints "READY host:port", runs until its standard input closes.
 */
public final class BenchBroker {
    public static void main(String[] args) throws Exception {
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(args[0], Path.of(args[1]),
                Map.of("log.segment.bytes", "268435456", "num.io.threads", "4", "num.network.threads", "2"))) {
            broker.start();
            System.out.println("READY " + broker.bootstrapServers());
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the parent to close our input
            }
        }
    }
}
