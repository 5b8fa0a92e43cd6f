package com.cspguard.topology.views;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The operations views of this instance's tasks, by task id: the only thing the HTTP threads read
 * of what the stream threads derive. A processor publishes its task's view every few seconds and
 * removes it when the task closes here (moved away, revoked, shut down). One per instance.
 * <p>
 * With each view goes the task's visibility index: which partner may see which tenant (it holds a
 * subscription there that is not deleted, or an open transfer targets it), as one hash set of
 * tenant-and-partner keys. {@link #visibleTo} answers from it in O(1) whatever the tenant's size,
 * and does the same work for an unknown tenant as for one the partner may not see, so neither the
 * answer nor its time tells them apart.
 */
public final class OpsViews {
    private final Map<String, OpsView> byTask = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> visibleByTask = new ConcurrentHashMap<>();

    public void publish(OpsView view) {
        Set<String> visible = new HashSet<>();
        for (OpsView.TenantRow t : view.tenants()) {
            for (String p : t.partners()) {
                visible.add(key(t.customerTenantId(), p));
            }
            for (String p : t.targetPartners()) {
                visible.add(key(t.customerTenantId(), p));
            }
        }
        byTask.put(view.taskId(), view);
        visibleByTask.put(view.taskId(), Set.copyOf(visible));
    }

    public void remove(String taskId) {
        byTask.remove(taskId);
        visibleByTask.remove(taskId);
    }

    /**
     * Whether {@code partnerTenantId} may see {@code tenantId}, as the tasks of this instance last
     * published it (within GUARD_OPS_VIEW_INTERVAL, or longer on large tasks: ViewPacing). Asks every task's set, without stopping at the
     * first that knows the tenant: the same work for every answer.
     */
    public boolean visibleTo(String tenantId, String partnerTenantId) {
        String key = key(tenantId, partnerTenantId.toLowerCase(Locale.ROOT));
        boolean visible = false;
        for (Set<String> keys : visibleByTask.values()) {
            visible |= keys.contains(key);
        }
        return visible;
    }

    private static String key(String tenantId, String partnerLowerCase) {
        return tenantId + '\u0000' + partnerLowerCase;
    }

    /** How many tasks of this instance have a view published. */
    public int tasks() {
        return byTask.size();
    }

    /** The views published so far, in no particular order. */
    public List<OpsView> current() {
        return new ArrayList<>(byTask.values());
    }
}
