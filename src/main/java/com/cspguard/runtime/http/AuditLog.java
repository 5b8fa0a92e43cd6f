package com.cspguard.runtime.http;

import com.cspguard.wire.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;

/**
 * The audit trail: one JSON line per request that reads or evaluates a tenant and per refusal
 * (401, 403, 404 by scoping, 429), on its own logger {@value #LOGGER} so operators can route it to
 * a file or a collector apart from the service's log (docs/operations.md, "Audit log").
 */
@Singleton
public class AuditLog {
    /** The logger name operators configure in logback. */
    public static final String LOGGER = "csp-transfer-guard.audit";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    /** One audited request. Null fields are left out of the line. */
    public record Entry(Instant at, String tid, String sub, boolean verified, String action, String tenant,
                        String outcome, int status, String remote, String forwardedTo) { }

    public void write(Entry e) {
        if (LOG.isInfoEnabled()) {
            LOG.info(line(e));
        }
    }

    /** The JSON line of {@code e}. */
    public static String line(Entry e) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("at", e.at().toString());
        putIfSet(n, "tid", e.tid());
        putIfSet(n, "sub", e.sub());
        if (e.tid() != null || e.sub() != null) {
            n.put("verified", e.verified());
        }
        n.put("action", e.action());
        putIfSet(n, "tenant", e.tenant());
        n.put("outcome", e.outcome());
        n.put("status", e.status());
        putIfSet(n, "remote", e.remote());
        putIfSet(n, "forwardedTo", e.forwardedTo());
        return n.toString();
    }

    private static void putIfSet(ObjectNode n, String field, String value) {
        if (value != null) {
            n.put(field, value);
        }
    }
}
