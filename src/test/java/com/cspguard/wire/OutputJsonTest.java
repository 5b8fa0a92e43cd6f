package com.cspguard.wire;

import com.cspguard.domain.GuardPolicy;
import com.cspguard.domain.TenantCounts;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OutputJsonTest {

    @Test
    void theHttpAnswersCountsAreTheRecordsJson() throws Exception {
        GuardPolicy policy = GuardPolicy.defaults();
        TenantCounts counts = TenantCounts.empty("t-\"quoted\"");
        assertThat(OutputJson.counts(counts, policy)).isEqualTo(Json.MAPPER.readTree(OutputJson.countsBytes(counts, policy)));
        assertThat(OutputJson.counts(counts, policy).get("customerTenantId").asText()).isEqualTo("t-\"quoted\"");
    }

    @Test
    void countsCarryTheContractFields() throws Exception {
        TenantCounts counts = new TenantCounts("t-1", 42, Map.of("active", 40, "suspended", 2, "expired", 3), "DE",
                Instant.parse("2026-11-23T10:15:30.5Z"));
        assertThat(Json.MAPPER.readTree(OutputJson.countsBytes(counts, GuardPolicy.defaults()))).isEqualTo(Json.MAPPER.readTree("""
                {"customerTenantId":"t-1","countedSubscriptions":42,"duplicationThreshold":150,"tenantMaximum":300,
                 "headroom":108,"byStatus":{"active":40,"suspended":2,"expired":3},"updatedAt":"2026-11-23T10:15:30.500Z"}"""));
        assertThat(Json.MAPPER.readTree(OutputJson.countsBytes(TenantCounts.empty("t"), GuardPolicy.defaults()))
                .get("updatedAt").isNull()).isTrue();
    }
}
