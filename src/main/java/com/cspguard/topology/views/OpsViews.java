package com.cspguard.topology.views;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The operations views of this instance's tasks, by task id: the only thing the HTTP threads read
 * of what the stream threads derive. A processor publishes its task's view every few seconds and
 * removes it when the task closes here (moved away, revoked, shut down). One per instance.
 */
public final class OpsViews {
    private final Map<String, OpsView> byTask = new ConcurrentHashMap<>();

    public void publish(OpsView view) {
        byTask.put(view.taskId(), view);
    }

    public void remove(String taskId) {
        byTask.remove(taskId);
    }

    /** The views published so far, in no particular order. */
    public List<OpsView> current() {
        return new ArrayList<>(byTask.values());
    }
}
