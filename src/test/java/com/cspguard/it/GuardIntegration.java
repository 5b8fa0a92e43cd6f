package com.cspguard.it;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.awaitility.Awaitility.await;

/**
 * The broker and the service instances of an integration test, started before its tests and closed
 * after them, newest first (the services before the broker), also when a start fails half-way.
 * Registered on a static field it lives for the class, on an instance field for each test:
 * <pre>
 * &#64;RegisterExtension
 * static final GuardIntegration it = GuardIntegration.service("guard-ops").instances(2).settings(fast).balanced();
 * </pre>
 * The test class gets the broker and the instances in its own fields: a field of type
 * {@link KafkaTestSupport} the broker, fields of type {@link GuardInstance} the instances in the order
 * they are declared (fields neither static nor final). Tests may also take them as parameters
 * ({@link GuardInstance}: the first instance) or ask {@link #kafka()} and {@link #instance}. A test that
 * starts and stops services itself (restarts, outages) starts them with {@link #start} so they are
 * closed with the rest.
 */
final class GuardIntegration implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback,
        ParameterResolver {
    private final String applicationId;
    private int instanceCount;
    private boolean restartableBroker;
    private Map<String, String> brokerOverrides = Map.of();
    private Map<String, String> clientConfig = Map.of();
    private final List<Function<KafkaTestSupport, Map<String, Object>>> settings = new ArrayList<>();
    private final List<AutoCloseable> alsoClosed = new ArrayList<>();
    private Duration balancedWithin;

    private ClosingStack started;
    private boolean perTest;
    private KafkaTestSupport kafka;
    private final List<GuardInstance> instances = new ArrayList<>();

    private GuardIntegration(String applicationId, int instanceCount) {
        this.applicationId = applicationId;
        this.instanceCount = instanceCount;
    }

    /** A broker only: the test starts its services itself ({@link #start}). */
    static GuardIntegration broker() {
        return new GuardIntegration(null, 0);
    }

    /** A broker and one instance of the service with the Kafka Streams application id {@code applicationId}. */
    static GuardIntegration service(String applicationId) {
        return new GuardIntegration(applicationId, 1);
    }

    /** {@code count} instances of the service, sharing the application id (and so the tenants). */
    GuardIntegration instances(int count) {
        this.instanceCount = count;
        return this;
    }

    /** Settings of every instance, over GuardInstance's test defaults. */
    GuardIntegration settings(Map<String, Object> extra) {
        return settings(kafka -> extra);
    }

    /** Settings known only once the broker is up (files in its temporary folder, say). */
    GuardIntegration settings(Function<KafkaTestSupport, Map<String, Object>> extra) {
        settings.add(extra);
        return this;
    }

    /** A broker on a fixed (free) port, so a test can stop it and start it again where the service looks for it. */
    GuardIntegration restartableBroker() {
        this.restartableBroker = true;
        return this;
    }

    /** A broker with {@code overrides} (listeners, SASL), reached by the test's clients with {@code clients}. */
    GuardIntegration brokerSettings(Map<String, String> overrides, Map<String, String> clients) {
        this.brokerOverrides = Map.copyOf(overrides);
        this.clientConfig = Map.copyOf(clients);
        return this;
    }

    /** Something the services need that is made before them (a token issuer): closed after them. */
    GuardIntegration closing(AutoCloseable resource) {
        alsoClosed.add(resource);
        return this;
    }

    /** Waits after the start until every instance runs and owns tasks, so asking any one of them is a fair test. */
    GuardIntegration balanced(Duration within) {
        this.balancedWithin = within;
        return this;
    }

    GuardIntegration balanced() {
        return balanced(Duration.ofSeconds(60));
    }

    KafkaTestSupport kafka() {
        return kafka;
    }

    /** The first instance. */
    GuardInstance guard() {
        return instance(0);
    }

    GuardInstance instance(int index) {
        return instances.get(index);
    }

    /**
     * Starts one more instance, with its state in the broker's folder under {@code name}: a name used
     * before means the same state folder (a restart). Closed with the rest if the test does not.
     */
    GuardInstance start(String name, String applicationId, Map<String, Object> extra) {
        return started.open(() -> new GuardInstance(kafka.bootstrap(), applicationId, kafka.dir.resolve(name), extra),
                GuardInstance::start);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        open();
        context.getTestInstance().ifPresent(this::inject); // PER_CLASS: for its @BeforeAll methods
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (started == null) { // on an instance field: one broker and service for each test
            perTest = true;
            open();
        }
        inject(context.getRequiredTestInstance());
    }

    private void inject(Object test) {
        int next = 0;
        for (Field f : test.getClass().getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) || Modifier.isFinal(f.getModifiers())) {
                continue;
            }
            if (f.getType() == KafkaTestSupport.class) {
                set(f, test, kafka);
            } else if (f.getType() == GuardInstance.class && next < instances.size()) {
                set(f, test, instances.get(next++));
            }
        }
    }

    private static void set(Field f, Object test, Object value) {
        try {
            f.setAccessible(true);
            f.set(test, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (perTest) {
            close();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (!perTest) {
            close();
        }
    }

    private void open() {
        started = new ClosingStack();
        alsoClosed.forEach(started::push);
        kafka = started.open(() -> new KafkaTestSupport(restartableBroker ? GuardInstance.freePort() : 0,
                brokerOverrides, clientConfig));
        Map<String, Object> extra = new HashMap<>();
        settings.forEach(s -> extra.putAll(s.apply(kafka)));
        for (int i = 1; i <= instanceCount; i++) {
            instances.add(start(instanceCount == 1 ? "state" : "instance-" + i, applicationId, extra));
        }
        if (balancedWithin != null) {
            awaitBalanced();
        }
    }

    private void awaitBalanced() {
        try {
            awaitBalanced(balancedWithin, instances);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Waits until each of {@code instances} sees them all, runs (or rebalances) and owns active tasks. */
    static void awaitBalanced(Duration within, List<GuardInstance> instances) {
        await().atMost(within).until(() -> instances.stream().allMatch(i ->
                i.streams().metadataForAllStreamsClients().size() == instances.size()
                        && i.streams().state().isRunningOrRebalancing()
                        && !i.streams().metadataForLocalThreads().iterator().next().activeTasks().isEmpty()));
    }

    private void close() {
        if (started == null) { // closed already, when waiting for the balance failed
            return;
        }
        instances.clear();
        kafka = null;
        ClosingStack closing = started;
        started = null;
        closing.close();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == KafkaTestSupport.class || type == GuardInstance.class && instanceCount > 0;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KafkaTestSupport.class ? kafka() : guard();
    }
}
