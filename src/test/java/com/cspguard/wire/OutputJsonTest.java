package com.cspguard.wire;

import com.cspguard.domain.GuardPolicy;
import com.cspguard.domain.TenantCounts;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OutputJsonTest {

    @Test
    void countsWrittenStraightToBytesAreTheSameJsonAsTheTree() throws Exception {
        GuardPolicy policy = GuardPolicy.defaults();
        for (TenantCounts counts : new TenantCounts[]{
                new TenantCounts("t-1", 42, Map.of("active", 40, "suspended", 2, "expired", 3), "DE", 1, 2, 3,
                        Instant.parse("2026-11-23T10:15:30.5Z")),
                TenantCounts.empty("t-\"quoted\"")}) {
            assertThat(Json.MAPPER.readTree(OutputJson.countsBytes(counts, policy)))
                    .isEqualTo(OutputJson.counts(counts, policy));
        }
    }
}
