package com.cspguard.domain;

/** Tenant-level findings that belong to no transfer. */
public final class TenantAlerts {
    private TenantAlerts() { }

    public static Finding aboveDuplicationThreshold(int counted, GuardPolicy policy) {
        return FindingTexts.tenantAboveThreshold(counted, policy);
    }
}
