package com.cspguard.chaos;

import com.cspguard.runtime.kafka.EmbeddedKafkaBroker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * One broker of the scale-out chaos test's KRaft cluster, as its own process: broker and
 * controller, a fixed controller port so the quorum finds it again after a kill, replication factor
 * 3 and {@code min.insync.replicas} 2 for everything (at most the cluster size). Arguments: node id,
 * client port, controller port, the quorum's voters, data folder, cluster id. Prints "READY host:port"
 * and runs until its standard input closes (or it is killed).
 */
public final class ClusterBroker {
    public static void main(String[] args) throws Exception {
        String nodeId = args[0];
        int port = Integer.parseInt(args[1]);
        int controllerPort = Integer.parseInt(args[2]);
        String voters = args[3];
        Path dir = Path.of(args[4]);
        int brokers = voters.split(",").length;
        String rf = Integer.toString(Math.min(3, brokers));
        String minIsr = Integer.toString(Math.min(2, brokers));
        Files.createDirectories(dir);
        // every broker of the cluster formats its storage with the same cluster id (EmbeddedKafkaBroker reads it here)
        Files.writeString(dir.resolve("cluster.id"), args[5]);
        Map<String, String> p = new HashMap<>();
        p.put("node.id", nodeId);
        p.put("controller.quorum.voters", voters);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("default.replication.factor", rf);
        p.put("offsets.topic.replication.factor", rf);
        p.put("transaction.state.log.replication.factor", rf);
        p.put("transaction.state.log.min.isr", minIsr);
        p.put("min.insync.replicas", minIsr);
        p.put("num.io.threads", "2");
        p.put("num.network.threads", "2");
        p.put("log.segment.bytes", "268435456");
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker("127.0.0.1:" + port, dir, p)) {
            broker.start();
            System.out.println("READY " + broker.bootstrapServers());
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the parent to close our input
            }
        }
    }
}
