package com.cspguard.chaos;

import com.cspguard.wire.Json;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The scale-out chaos test's API client: every 100 ms a {@code GET /tenants/{id}} of a tenant the
 * service has processed, on a random instance that is up (its process alive and serving HTTP, and
 * not being stopped); every 2 s a list ({@code /tenants}, {@code /deadlines}, {@code /transfers} in
 * turn). It counts what comes back; a probe whose instance was killed while it was under way is
 * left out (a client of a killed instance sees a reset connection whatever the service does).
 */
final class ApiProber {
    /** An instance that may be probed, by the port its API listens on. */
    interface Targets {
        List<Integer> serving();
    }

    private final Targets targets;
    private final ProcessedTenants processed;
    private final String token;
    private final Duration timeout;
    private final Random random;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ExecutorService pool = Executors.newFixedThreadPool(16, r -> {
        Thread t = new Thread(r, "chaos-prober");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean running = true;
    private Thread ticker;

    final AtomicLong ok = new AtomicLong();
    final AtomicLong notFoundKnown = new AtomicLong();
    final AtomicLong timeouts = new AtomicLong();
    final AtomicLong lostToKill = new AtomicLong();
    final Map<Integer, AtomicLong> errors = new ConcurrentHashMap<>();
    final Map<String, AtomicLong> errorSamples = new ConcurrentHashMap<>();
    final AtomicLong lists = new AtomicLong();
    final AtomicLong listsComplete = new AtomicLong();
    final AtomicLong listsWithoutFlag = new AtomicLong();
    final AtomicLong completeButMissing = new AtomicLong();
    final List<String> completeButMissingSamples = new ArrayList<>();
    private volatile long last200 = System.nanoTime();
    private volatile long longestGap;

    ApiProber(Targets targets, ProcessedTenants processed, String token, Duration timeout, long seed) {
        this.targets = targets;
        this.processed = processed;
        this.token = token;
        this.timeout = timeout;
        this.random = new Random(seed);
    }

    void start() {
        ticker = new Thread(() -> {
            long tick = 0;
            while (running) {
                tick++;
                pool.submit(this::probeTenant);
                if (tick % 20 == 0) {
                    String path = switch ((int) (tick / 20 % 3)) {
                        case 0 -> "/tenants?limit=5000";
                        case 1 -> "/deadlines?limit=5000";
                        default -> "/transfers?limit=5000";
                    };
                    pool.submit(() -> probeList(path));
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "chaos-prober-ticker");
        ticker.setDaemon(true);
        ticker.start();
    }

    void stop() throws InterruptedException {
        running = false;
        ticker.join(5_000);
        pool.shutdown();
        pool.awaitTermination(timeout.toSeconds() + 5, TimeUnit.SECONDS);
        gap(System.nanoTime());
    }

    private synchronized int pick(List<Integer> ports) {
        return ports.get(random.nextInt(ports.size()));
    }

    private void probeTenant() {
        List<Integer> ports = targets.serving();
        String tenant = processed.anyProcessedBefore(System.nanoTime() - TimeUnit.SECONDS.toNanos(1), random);
        if (ports.isEmpty() || tenant == null) {
            return;
        }
        int port = pick(ports);
        try {
            HttpResponse<String> r = http.send(request(port, "/tenants/" + tenant), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                long now = System.nanoTime();
                gap(now);
                last200 = now;
                ok.incrementAndGet();
            } else if (r.statusCode() == 404) {
                notFoundKnown.incrementAndGet();
                errorSamples.putIfAbsent("404", new AtomicLong());
            } else {
                errors.computeIfAbsent(r.statusCode(), k -> new AtomicLong()).incrementAndGet();
                String body = r.body().length() > 160 ? r.body().substring(0, 160) : r.body();
                errorSamples.computeIfAbsent(r.statusCode() + " " + body.replaceAll("[0-9a-f-]{36}", "<id>")
                        .replaceAll("partition \\d+", "partition N"), k -> new AtomicLong()).incrementAndGet();
            }
        } catch (IOException e) {
            if (!targets.serving().contains(port)) {
                lostToKill.incrementAndGet();
            } else {
                timeouts.incrementAndGet();
                errorSamples.computeIfAbsent("no answer: " + e.getClass().getSimpleName(), k -> new AtomicLong()).incrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void probeList(String path) {
        List<Integer> ports = targets.serving();
        if (ports.isEmpty()) {
            return;
        }
        // tenants processed well before the call: the views are published every 2 s (GUARD_OPS_VIEW_INTERVAL)
        List<String> known = processed.processedBefore(System.nanoTime() - TimeUnit.SECONDS.toNanos(6));
        int port = pick(ports);
        try {
            HttpResponse<String> r = http.send(request(port, path), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return;
            }
            lists.incrementAndGet();
            JsonNode body = Json.MAPPER.readTree(r.body());
            if (!body.has("complete")) {
                listsWithoutFlag.incrementAndGet();
            }
            boolean complete = body.path("complete").asBoolean(false);
            if (!complete) {
                return;
            }
            listsComplete.incrementAndGet();
            if (path.startsWith("/tenants")) {
                java.util.Set<String> listed = new java.util.HashSet<>();
                body.path("items").forEach(i -> listed.add(i.path("customerTenantId").asText()));
                long missing = known.stream().filter(t -> !listed.contains(t)).count();
                if (missing > 0) {
                    completeButMissing.incrementAndGet();
                    synchronized (completeButMissingSamples) {
                        if (completeButMissingSamples.size() < 5) {
                            completeButMissingSamples.add(missing + " of " + known.size() + " known tenants missing");
                        }
                    }
                }
            }
        } catch (IOException e) {
            // availability is measured on the tenant reads
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private HttpRequest request(int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(timeout)
                .header("Authorization", "Bearer " + token).GET().build();
    }

    private synchronized void gap(long now) {
        longestGap = Math.max(longestGap, now - last200);
    }

    long total() {
        return ok.get() + notFoundKnown.get() + timeouts.get() + errors.values().stream().mapToLong(AtomicLong::get).sum();
    }

    double longestGapSeconds() {
        return longestGap / 1e9;
    }

    Map<String, Long> samples() {
        Map<String, Long> out = new TreeMap<>();
        errorSamples.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /** Tenants the service has processed: their first record on tenant-subscription-counts, and when it was seen. */
    interface ProcessedTenants {
        String anyProcessedBefore(long nanoTime, Random random);

        List<String> processedBefore(long nanoTime);
    }
}
