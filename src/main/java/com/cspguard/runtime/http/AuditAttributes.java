package com.cspguard.runtime.http;

import io.micronaut.http.HttpRequest;

/**
 * What the controllers tell the audit line of a request, as request attributes: the tenant it was
 * about, whether scoping hid it, and the instance it was forwarded to.
 */
public final class AuditAttributes {
    static final String TENANT = "guard.audit.tenant";
    static final String HIDDEN = "guard.audit.hidden";
    static final String FORWARDED_TO = "guard.audit.forwarded-to";

    private AuditAttributes() { }

    public static void tenant(HttpRequest<?> request, String tenantId) {
        request.setAttribute(TENANT, tenantId);
    }

    /** The tenant was answered as unknown because the caller may not see it (the 404 of scoping). */
    public static void hidden(HttpRequest<?> request) {
        request.setAttribute(HIDDEN, Boolean.TRUE);
    }

    public static void forwardedTo(HttpRequest<?> request, String hostAndPort) {
        request.setAttribute(FORWARDED_TO, hostAndPort);
    }
}
