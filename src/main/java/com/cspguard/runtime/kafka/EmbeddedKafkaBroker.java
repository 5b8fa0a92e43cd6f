package com.cspguard.runtime.kafka;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one) in this JVM, for the
 * service's default run mode and for tests. Its data folder survives restarts: the storage is
 * formatted once, with a cluster id kept in that folder.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    private final String host;
    private final int requestedPort;
    private final Path dataDir;
    private final Map<String, String> overrides;
    private final Map<String, String> clientConfig;
    private KafkaRaftServer server;
    private int port;

    /**
     * @param listener  host:port clients connect to; port 0 picks a free port
     * @param dataDir   folder for the broker's logs and metadata, kept across restarts
     * @param overrides extra broker properties
     */
    public EmbeddedKafkaBroker(String listener, Path dataDir, Map<String, String> overrides) {
        this(listener, dataDir, overrides, Map.of());
    }

    /**
     * @param clientConfig client settings to reach the broker's listener, when {@code overrides}
     *                     secure it (for example SASL): used to wait until the broker is ready
     */
    public EmbeddedKafkaBroker(String listener, Path dataDir, Map<String, String> overrides, Map<String, String> clientConfig) {
        this.clientConfig = Map.copyOf(clientConfig);
        int colon = listener.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("embedded broker listener must be host:port, was '" + listener + "'");
        }
        this.host = listener.substring(0, colon);
        this.requestedPort = Integer.parseInt(listener.substring(colon + 1));
        this.dataDir = dataDir.toAbsolutePath();
        this.overrides = Map.copyOf(overrides);
    }

    public synchronized void start() {
        long started = System.nanoTime();
        port = requestedPort == 0 ? freePort() : requestedPort;
        Properties props = properties(port, freePort());
        Path logDir = dataDir.resolve("logs");
        try {
            Files.createDirectories(logDir);
            format(props);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the embedded broker's data folder " + dataDir, e);
        }
        server = new KafkaRaftServer(new KafkaConfig(props), Time.SYSTEM);
        server.startup();
        awaitReady(Duration.ofSeconds(60));
        LOG.info("embedded Kafka broker listening on {} with data in {} (ready in {} ms)", bootstrapServers(), dataDir,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    public String bootstrapServers() {
        return host + ":" + port;
    }

    private Properties properties(int brokerPort, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://" + host + ":" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + host + ":" + brokerPort);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", dataDir.resolve("logs").toString());
        p.put("num.partitions", "1");
        p.put("default.replication.factor", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "10");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "10");
        p.put("min.insync.replicas", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "false");
        p.put("log.flush.interval.messages", Long.toString(Long.MAX_VALUE));
        p.put("unstable.api.versions.enable", "false");
        p.putAll(overrides);
        return p;
    }

    /** Formats the storage on first start; the cluster id stays in the data folder. */
    private void format(Properties props) throws IOException {
        Path idFile = dataDir.resolve("cluster.id");
        String clusterId;
        if (Files.exists(idFile)) {
            clusterId = Files.readString(idFile).trim();
        } else {
            clusterId = Uuid.randomUuid().toString();
        }
        Path config = dataDir.resolve("server.properties");
        try (var out = Files.newOutputStream(config)) {
            props.store(out, "written by CSP Transfer Guard for its embedded broker");
        }
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        int rc = StorageTool.execute(new String[]{"format", "-t", clusterId, "-c", config.toString(), "--ignore-formatted"},
                new PrintStream(log, true, StandardCharsets.UTF_8));
        if (rc != 0) {
            throw new IllegalStateException("formatting the embedded broker's storage failed: " + log);
        }
        Files.writeString(idFile, clusterId);
    }

    private void awaitReady(Duration timeout) {
        Properties p = new Properties();
        p.putAll(clientConfig);
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(p)) {
            while (true) {
                try {
                    admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                    return;
                } catch (Exception e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("embedded Kafka broker on " + bootstrapServers()
                                + " did not accept clients within " + timeout, e);
                    }
                    sleep(100);
                }
            }
        }
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            LOG.info("stopping embedded Kafka broker on {}", bootstrapServers());
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
