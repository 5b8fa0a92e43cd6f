package com.cspguard.bench;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The churn data set has the shape issue 21 describes. */
class ChurnDataTest {
    private static final Instant NOW = Instant.parse("2026-12-06T00:00:00Z");
    private static final Pattern FIELDS = Pattern.compile("\"subscription\":\\{\"id\":\"([^\"]+)\",\"offerId\":\"([^\"]+)\""
            + ".*\"quantity\":(\\d+),\"status\":\"([a-z]+)\",\"autoRenewEnabled\":(true|false)"
            + ".*\"commitmentEndDate\":\"([0-9-]+)\"");

    @Test
    void everyEventIsARandomSubscriptionWithRandomStatusOfferEndDateAutorenewAndQuantity() {
        ChurnData data = new ChurnData(500, 50_000, 42, NOW);
        Map<String, Integer> statuses = new HashMap<>();
        Set<String> offers = new HashSet<>();
        Set<String> tenants = new HashSet<>();
        Set<String> subscriptions = new HashSet<>();
        Set<Boolean> autoRenew = new HashSet<>();
        int[] quantity = {Integer.MAX_VALUE, 0};
        LocalDate today = LocalDate.ofInstant(NOW, ZoneOffset.UTC);
        LocalDate[] ends = {LocalDate.MAX, LocalDate.MIN};
        long[] counts = data.generate((topic, rec) -> {
            assertThat(topic).isEqualTo("subscription-events");
            String tenant = new String(rec.key(), StandardCharsets.UTF_8);
            tenants.add(tenant);
            Matcher m = FIELDS.matcher(new String(rec.value(), StandardCharsets.UTF_8));
            assertThat(m.find()).isTrue();
            subscriptions.add(tenant + "|" + m.group(1));
            offers.add(m.group(2));
            int q = Integer.parseInt(m.group(3));
            quantity[0] = Math.min(quantity[0], q);
            quantity[1] = Math.max(quantity[1], q);
            statuses.merge(m.group(4), 1, Integer::sum);
            autoRenew.add(Boolean.parseBoolean(m.group(5)));
            LocalDate end = LocalDate.parse(m.group(6));
            ends[0] = end.isBefore(ends[0]) ? end : ends[0];
            ends[1] = end.isAfter(ends[1]) ? end : ends[1];
        });
        assertThat(counts).containsExactly(50_000, 0);
        assertThat(statuses.get("active") / 50_000.0).isBetween(0.58, 0.62);
        for (String s : ChurnData.STATUSES) {
            assertThat(statuses.get(s) / 50_000.0).as(s).isBetween(0.09, 0.11);
        }
        assertThat(statuses).hasSize(5);
        assertThat(offers).hasSize(10);
        assertThat(autoRenew).containsExactlyInAnyOrder(true, false);
        assertThat(quantity).containsExactly(1, 50);
        assertThat(ends[0]).isEqualTo(today.minusDays(60));
        assertThat(ends[1]).isEqualTo(today.plusDays(365));
        assertThat(tenants.size()).isBetween(490, 500);
        assertThat(data.subscriptions()).isEqualTo(subscriptions.size());
        // most subscriptions see more than one event: the churn is changes, not creations
        assertThat((double) subscriptions.size() / 50_000).isLessThan(0.5);
    }

    @Test
    void theSameSeedGivesTheSameRecordsAndAnotherSeedOthers() {
        StringBuilder first = new StringBuilder();
        StringBuilder second = new StringBuilder();
        StringBuilder other = new StringBuilder();
        new ChurnData(50, 1_000, 9, NOW).generate((t, r) -> first.append(new String(r.value(), StandardCharsets.UTF_8)));
        new ChurnData(50, 1_000, 9, NOW).generate((t, r) -> second.append(new String(r.value(), StandardCharsets.UTF_8)));
        new ChurnData(50, 1_000, 9, NOW).withSeed(10).generate((t, r) -> other.append(new String(r.value(), StandardCharsets.UTF_8)));
        assertThat(first.toString()).isEqualTo(second.toString()).isNotEqualTo(other.toString());
    }
}
