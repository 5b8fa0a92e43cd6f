package com.cspguard.bench;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * An async-profiler session over the latency phase only, when asked for with
 * {@code -Dbench.latency.profiler.jar=<async-profiler jar>} (Maven Central:
 * {@code tools.profiler:async-profiler}); options by {@code -Dbench.latency.profiler.options}, by
 * default a wall-clock profile per thread. Loaded reflectively: the project does not depend on it.
 */
final class LatencyProfile {
    private final Object profiler;
    private final Method execute;
    private final Path file;

    private LatencyProfile(Object profiler, Method execute, Path file) {
        this.profiler = profiler;
        this.execute = execute;
        this.file = file;
    }

    static LatencyProfile startIfAsked(Path file) throws Exception {
        String jar = System.getProperty("bench.latency.profiler.jar");
        if (jar == null) {
            return new LatencyProfile(null, null, file);
        }
        String options = System.getProperty("bench.latency.profiler.options", "event=wall,interval=5ms,threads");
        ClassLoader loader = new URLClassLoader(new URL[] {Path.of(jar).toUri().toURL()}, LatencyProfile.class.getClassLoader());
        Class<?> type = Class.forName("one.profiler.AsyncProfiler", true, loader);
        Object profiler = type.getMethod("getInstance").invoke(null);
        Method execute = type.getMethod("execute", String.class);
        execute.invoke(profiler, "start," + options);
        System.out.println("  profiling the latency phase: " + options);
        return new LatencyProfile(profiler, execute, file);
    }

    void stop() throws Exception {
        if (profiler != null) {
            execute.invoke(profiler, "stop,collapsed,file=" + file);
            System.out.println("  latency profile: " + file);
        }
    }
}
