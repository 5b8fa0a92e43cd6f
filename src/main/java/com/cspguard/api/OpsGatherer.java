package com.cspguard.api;

import com.cspguard.runtime.GuardPartitions;
import com.cspguard.runtime.SelfAddress;
import com.cspguard.topology.views.OpsView;
import com.cspguard.topology.views.OpsViews;
import com.cspguard.wire.Json;
import com.fasterxml.jackson.databind.JavaType;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Answers the operations queries from every instance: this one's views ({@link OpsViews}), and
 * the same request sent to every other instance of the application with the caller's token and
 * {@value #LOCAL_ONLY}, so each answers from its own views only and filters them for the caller
 * itself. The rows are merged, told apart by a key (a task may briefly show on two instances while
 * it moves), sorted and cut to the limit. Reads only published views: no store, no index.
 */
@Singleton
public class OpsGatherer {
    static final String LOCAL_ONLY = "X-Guard-Local-Only";
    private static final Logger LOG = LoggerFactory.getLogger(OpsGatherer.class);

    private final KafkaStreams streams;
    private final OpsViews views;
    private final HostInfo self;
    private final InstanceClient client;
    /** The number of tenant-guard partitions, empty while unknown ({@link GuardPartitions#count}). */
    private final Supplier<OptionalInt> partitions;

    @Inject
    public OpsGatherer(KafkaStreams streams, OpsViews views, SelfAddress self, GuardPartitions partitions,
                       InstanceClient client) {
        this(streams, views, self.host(), partitions::count, client);
    }

    /** For tests: a gatherer whose partition count is given. */
    OpsGatherer(KafkaStreams streams, OpsViews views, HostInfo self, Supplier<OptionalInt> partitions,
                InstanceClient client) {
        this.streams = streams;
        this.views = views;
        this.partitions = partitions;
        this.self = self;
        this.client = client;
    }

    /**
     * An answer of a list endpoint.
     *
     * @param generatedAt      when the oldest of the views it was made from was built; null when there was none yet
     * @param instances        instances of the application asked, this one included
     * @param instancesAnswered of those, the ones that answered
     * @param complete          whether the views of every partition of the tenant-guard sub-topology are in it: false
     *                          after a start or a rebalance until each task has published its view here or on an
     *                          instance that answered, and while the number of partitions is unknown
     * @param partitions        the number of tenant-guard partitions (tasks); 0 while unknown
     * @param partitionsIncluded the partitions whose views the answer was made from, ascending
     */
    public record Answer<T>(Instant generatedAt, int instances, int instancesAnswered, boolean complete, int partitions,
                            List<Integer> partitionsIncluded, List<T> items) {
        public Answer {
            partitionsIncluded = partitionsIncluded == null ? List.of() : List.copyOf(partitionsIncluded);
            items = items == null ? List.of() : items;
        }
    }

    /**
     * The rows {@code rows} makes of this instance's views, and of every other instance's when
     * {@code request} is not itself a local-only call, merged by {@code key}, sorted and limited.
     */
    public <T> Answer<T> gather(HttpRequest<?> request, Class<T> rowType, Function<List<OpsView>, List<T>> rows,
                                Function<T, String> key, Comparator<T> order, int limit) {
        return gather(request, rowType, OpsView::generatedAt, rows, key, order, limit);
    }

    /**
     * The views whose part the rows come from has been made: a task's first deadlines take a few
     * views on a large task (the remake reads a slice per view), and until then its partition is not
     * in a deadlines answer, which is therefore not complete.
     */
    static List<OpsView> made(List<OpsView> views, Function<OpsView, Instant> builtAt) {
        return views.stream().filter(v -> builtAt.apply(v) != null).toList();
    }

    /** As above, with {@code builtAt} saying when the part of a view the rows come from was built. */
    public <T> Answer<T> gather(HttpRequest<?> request, Class<T> rowType, Function<OpsView, Instant> builtAt,
                                Function<List<OpsView>, List<T>> rows, Function<T, String> key, Comparator<T> order, int limit) {
        List<OpsView> local = made(views.current(), builtAt);
        Instant oldest = local.stream().map(builtAt).min(Comparator.naturalOrder()).orElse(null);
        TreeSet<Integer> included = new TreeSet<>();
        for (OpsView v : local) {
            included.add(partitionOf(v.taskId()));
        }
        Map<String, T> merged = new LinkedHashMap<>();
        for (T row : rows.apply(local)) {
            merged.putIfAbsent(key.apply(row), row);
        }
        int asked = 1;
        int answered = 1;
        if (!request.getHeaders().contains(LOCAL_ONLY)) {
            JavaType type = Json.MAPPER.getTypeFactory().constructParametricType(Answer.class, rowType);
            List<CompletableFuture<Answer<T>>> calls = new ArrayList<>();
            for (HostInfo host : otherInstances()) {
                asked++;
                calls.add(ask(host, request, type));
            }
            for (CompletableFuture<Answer<T>> call : calls) {
                Answer<T> a = call.join();
                if (a == null) {
                    continue;
                }
                answered++;
                included.addAll(a.partitionsIncluded());
                for (T row : a.items()) {
                    merged.putIfAbsent(key.apply(row), row);
                }
                if (a.generatedAt() != null && (oldest == null || a.generatedAt().isBefore(oldest))) {
                    oldest = a.generatedAt();
                }
            }
        }
        List<T> items = new ArrayList<>(merged.values());
        items.sort(order);
        OptionalInt all = partitions.get();
        return new Answer<>(oldest, asked, answered, complete(all, included), all.orElse(0), List.copyOf(included),
                items.size() > limit ? List.copyOf(items.subList(0, limit)) : items);
    }

    /**
     * Whether views of partitions {@code included} make a whole answer: each of the {@code partitions}
     * is there. Unknown partitions never do (better "incomplete" than a partial list that looks whole).
     */
    static boolean complete(OptionalInt partitions, java.util.SortedSet<Integer> included) {
        return partitions.isPresent() && !included.isEmpty() && included.size() == partitions.getAsInt()
                && included.first() == 0 && included.last() == partitions.getAsInt() - 1;
    }

    /** The partition of a view's task ({@code 1_3}: sub-topology 1, partition 3). */
    static int partitionOf(String taskId) {
        return TaskId.parse(taskId).partition();
    }

    private List<HostInfo> otherInstances() {
        List<HostInfo> out = new ArrayList<>();
        for (StreamsMetadata m : streams.metadataForAllStreamsClients()) {
            HostInfo h = m.hostInfo();
            if (!h.equals(self) && !h.equals(HostInfo.unavailable()) && !out.contains(h)) {
                out.add(h);
            }
        }
        return out;
    }

    /** The same request on {@code host}, answered from its views only; null when it does not answer properly. */
    private <T> CompletableFuture<Answer<T>> ask(HostInfo host, HttpRequest<?> request, JavaType type) {
        URI uri = client.uri(host, request.getUri().toString());
        java.net.http.HttpRequest.Builder b = client.request(host, request.getUri().toString()).GET()
                .header(LOCAL_ONLY, self.host() + ":" + self.port());
        request.getHeaders().getAuthorization().ifPresent(v -> b.header(HttpHeaders.AUTHORIZATION, v));
        return client.sendAsync(b.build()).<Answer<T>>thenApply(r -> {
            if (r.statusCode() != 200) {
                LOG.warn("instance {} answered {} to {}", host, r.statusCode(), uri);
                return null;
            }
            try {
                return Json.MAPPER.readValue(r.body(), type);
            } catch (Exception e) {
                LOG.warn("instance {} answered {} with what is no list: {}", host, uri, e.toString());
                return null;
            }
        }).exceptionally(e -> {
            LOG.warn("instance {} did not answer {}: {}", host, uri, e.toString());
            return null;
        });
    }
}
