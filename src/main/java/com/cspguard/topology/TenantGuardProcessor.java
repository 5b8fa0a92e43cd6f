package com.cspguard.topology;

import com.cspguard.domain.TimerRules;
import com.cspguard.domain.TransferEvaluator;
import com.cspguard.topology.config.GuardMetrics;
import com.cspguard.topology.config.GuardSettings;
import com.cspguard.topology.config.GuardTopics;
import com.cspguard.topology.config.Routed;
import com.cspguard.topology.config.StoreNames;
import com.cspguard.topology.deadletters.FailureEnvelope;
import com.cspguard.topology.decisions.OpenTransfers;
import com.cspguard.topology.decisions.TransferDecider;
import com.cspguard.topology.facts.FactStore;
import com.cspguard.topology.indexes.GuardIndexes;
import com.cspguard.topology.indexes.TimerChains;
import com.cspguard.topology.inputs.CatalogChangeHandler;
import com.cspguard.topology.inputs.InputHandler;
import com.cspguard.topology.inputs.SubscriptionEventHandler;
import com.cspguard.topology.inputs.TransferRequestHandler;
import com.cspguard.topology.outputs.CountsCoalescer;
import com.cspguard.topology.outputs.GuardOutputs;
import com.cspguard.topology.timers.TimerFirer;
import com.cspguard.topology.views.OpsViewBuilder;
import com.cspguard.topology.views.OpsViews;
import com.cspguard.topology.views.ViewPacing;
import com.cspguard.wire.ParseResult;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one processor of the tenant sub-topology. It reads the co-partitioned inputs (subscription
 * events, transfer requests, catalog changes), validates each record before it touches any state,
 * sends bad ones to the dead-letter topic, and hands good ones to the handler for their topic.
 *
 * <p>State: the facts live in the changelogged {@code guard-state} store; the indexes derived from
 * them (tenant counters, timer schedule, repurchase index, open-transfer summaries, catalog) live in
 * this object's memory and are rebuilt from the facts in {@link #init}, which Kafka Streams calls
 * after restoring the task and again whenever it revives the task.
 *
 * <p>Each record runs inside the {@link FailureEnvelope}: a good record that still fails (an
 * output too large to send, a bug) neither stops the stream nor leaves half its changes behind.
 */
public final class TenantGuardProcessor implements Processor<byte[], byte[], byte[], Routed> {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TenantGuardProcessor.class);
    private final GuardSettings settings;
    private final GuardMetrics metrics;
    /** Where this task publishes what the operations page shows; the HTTP threads read it. */
    private final OpsViews views;
    private ProcessorContext<byte[], Routed> context;
    private FactStore facts;
    private GuardIndexes indexes;
    private GuardOutputs outputs;
    /** Input topic name to its handler. */
    private final Map<String, InputHandler<?>> handlers = new HashMap<>();
    private FailureEnvelope envelope;
    private TimerFirer timers;
    private OpsViewBuilder opsViews;
    private ViewPacing viewPacing;
    private CountsCoalescer counts;
    /** The punctuations of the current init(), cancelled in close() so a revived task runs each once. */
    private final List<Cancellable> punctuations = new ArrayList<>();

    public TenantGuardProcessor(GuardSettings settings, GuardMetrics metrics, OpsViews views) {
        this.settings = settings;
        this.metrics = metrics;
        this.views = views;
    }

    @Override
    public void init(ProcessorContext<byte[], Routed> context) {
        this.context = context;
        this.facts = new FactStore(context.getStateStore(StoreNames.STATE));
        TimerChains chains = new TimerChains(new TimerRules(settings.policy()));
        this.indexes = new GuardIndexes(settings.policy(), chains);
        this.outputs = new GuardOutputs(context, settings, metrics);
        TransferDecider decider = new TransferDecider(new TransferEvaluator(settings.policy()), facts, indexes.catalog(), outputs);
        OpenTransfers openTransfers = new OpenTransfers(facts, indexes, decider);
        this.timers = new TimerFirer(facts, indexes, chains, outputs, openTransfers, settings.timerBatch());
        this.counts = new CountsCoalescer(outputs, indexes);
        GuardTopics topics = settings.topics();
        handlers.clear();
        handlers.put(topics.subscriptionEvents(), new SubscriptionEventHandler(settings.policy(), facts, indexes, outputs,
                counts, chains, timers, decider, metrics));
        handlers.put(topics.transferRequests(), new TransferRequestHandler(settings.policy().transferMaxAge(), indexes,
                decider, openTransfers));
        handlers.put(topics.catalogChanges(), new CatalogChangeHandler(facts, indexes, decider));
        this.envelope = new FailureEnvelope(context.applicationId(),
                () -> facts.ops().writesPending() + outputs.forwarded(), outputs::deadLetter,
                () -> indexes.rebuild(facts, context.taskId().toString()));
        this.opsViews = new OpsViewBuilder(settings.policy(), chains, settings.ops().horizon(),
                settings.ops().deadlineInterval());
        this.viewPacing = new ViewPacing(settings.ops().interval().toMillis());

        GuardIndexes.Rebuild rebuilt = indexes.rebuild(facts, context.taskId().toString());
        metrics.indexesRebuilt(rebuilt.subscriptions(), rebuilt.nanos());
        facts.ops().drainReads();
        // Which counts the previous owner of this task had still to send died with it (a crash after a
        // commit, before the next flush): every tenant's counts go out once more at the first flush.
        counts.markAll();
        punctuations.add(context.schedule(settings.timerInterval(), PunctuationType.WALL_CLOCK_TIME, this::punctuate));
        punctuations.add(context.schedule(settings.countsInterval(), PunctuationType.WALL_CLOCK_TIME, this::flushCounts));
        // The first view follows within one interval: init() stays the rebuild alone, which a
        // restore waits for.
        punctuations.add(context.schedule(settings.ops().interval(), PunctuationType.WALL_CLOCK_TIME, this::opsViewTick));
    }

    /**
     * Sends the latest counts of every tenant whose counts changed since the last flush, one record
     * each; a wall-clock punctuation every {@code GUARD_COUNTS_INTERVAL} (the commit interval), so a
     * change goes out with the transaction of its event or the next one.
     */
    public void flushCounts(long now) {
        counts.flush();
    }

    /**
     * Publishes what the operations page needs of this task, built from the indexes here on the
     * stream thread: HTTP threads read only the published, immutable view, never the indexes.
     */
    public void publishOpsView(long now) {
        try {
            views.publish(opsViews.build(context.taskId().toString(), indexes, facts, now));
        } catch (RuntimeException e) {
            // the page shows the previous view a little longer; no reason to disturb the stream
            LOG.warn("task {}: the operations view could not be built: {}", context.taskId(), e.toString());
        }
        // The view reads the facts of the timers due within its horizon, a slice per view while a
        // remake runs (one every GUARD_OPS_DEADLINE_INTERVAL): a cost of the page, not of a record or
        // a timer punctuation, so it is left out of the per-record store metrics.
        facts.ops().drainReads();
    }

    /**
     * The view's punctuation, every {@code GUARD_OPS_VIEW_INTERVAL}: publishes a view when one is due
     * ({@link ViewPacing}: on large tasks less often, so that the views of the instance's tasks take at
     * most a twentieth of the stream thread).
     */
    void opsViewTick(long now) {
        if (settings.ops().paced() && !viewPacing.due(now)) {
            return;
        }
        long started = System.nanoTime();
        publishOpsView(now);
        long took = System.nanoTime() - started;
        long spacing = viewPacing.spacingMillis();
        viewPacing.built(now, took, views.tasks());
        if (viewPacing.spacingMillis() != spacing) {
            LOG.debug("task {}: the operations view took {} ms, the next one in {} ms", context.taskId(),
                    took / 1_000_000, viewPacing.spacingMillis());
        }
    }

    /** The task leaves this instance (or the instance stops): its view goes with it. */
    @Override
    public void close() {
        punctuations.forEach(Cancellable::cancel);
        punctuations.clear();
        if (context != null) {
            views.remove(context.taskId().toString());
        }
    }

    /** The context of the current init(), so a test can revive this processor as Kafka Streams does. */
    ProcessorContext<byte[], Routed> context() {
        return context;
    }

    /** The derived state, for tests that compare it with a rebuild from the facts and for the benchmark. */
    public GuardIndexes indexes() {
        return indexes;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RecordMetadata where = context.recordMetadata().orElse(null);
        String topic = where == null ? "" : where.topic();
        envelope.tryRun(record, where, () -> dispatch(record, topic));
        metrics.storeOperations(facts.ops().drainReads(), facts.ops().drainWrites());
    }

    private void dispatch(Record<byte[], byte[]> record, String topic) {
        InputHandler<?> handler = handlers.get(topic);
        if (handler == null) {
            outputs.deadLetter(record, "unexpected topic: " + topic);
        } else {
            apply(handler, record, context.currentSystemTimeMs());
        }
    }

    /** Parse, then handle: a record the handler cannot read goes to the dead-letter topic untouched. */
    private <T> void apply(InputHandler<T> handler, Record<byte[], byte[]> record, long now) {
        ParseResult<T> parsed = handler.parse(record.key(), record.value(), settings.limits());
        if (parsed instanceof ParseResult.Ok<T> ok) {
            handler.handle(ok.value(), now);
        } else {
            outputs.deadLetter(record, ((ParseResult.Bad<T>) parsed).reason());
        }
    }

    private void punctuate(long now) {
        try {
            metrics.timersTaken(timers.fireDue(now));
        } catch (RuntimeException e) {
            // Timers taken from the schedule before the failure would be lost to it: make it
            // from the facts again (what fired is in them), then let the exception handler see it.
            indexes.rebuild(facts, context.taskId().toString());
            throw e;
        } finally {
            metrics.storeOperations(facts.ops().drainReads(), facts.ops().drainWrites());
        }
    }
}
