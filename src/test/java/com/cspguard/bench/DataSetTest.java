package com.cspguard.bench;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark's data set has the shape issue 5 asks for. */
class DataSetTest {
    private static final Instant NOW = Instant.parse("2026-11-25T00:00:00Z");

    @Test
    void tenantSizesAreMostlySmallSomeMediumAFewLarge() {
        Random r = new Random(7);
        int[] buckets = new int[3];
        for (int i = 0; i < 20_000; i++) {
            int size = DataSet.tenantSize(r);
            assertThat(size).isBetween(1, 400);
            buckets[size <= 20 ? 0 : size < 150 ? 1 : 2]++;
        }
        assertThat(buckets[0] / 20_000.0).isBetween(0.78, 0.84);
        assertThat(buckets[1] / 20_000.0).isBetween(0.14, 0.19);
        assertThat(buckets[2] / 20_000.0).isBetween(0.02, 0.04);
    }

    @Test
    void aboutOnePercentOfAllRecordsAreTransferRequestsAndEndDatesSpanThePastTwoMonthsAndTheNextYear() {
        List<DataSet.Rec> records = new ArrayList<>();
        long[] counts = new DataSet(2_000, 42, NOW).generate((topic, rec) -> records.add(rec));
        long total = counts[0] + counts[1];
        assertThat(records).hasSize((int) total);
        assertThat(counts[1] / (double) total).isBetween(0.008, 0.012);

        Pattern end = Pattern.compile("\"commitmentEndDate\":\"([0-9-]+)\"");
        Pattern status = Pattern.compile("\"status\":\"([a-z]+)\"");
        LocalDate today = LocalDate.ofInstant(NOW, ZoneOffset.UTC);
        LocalDate min = LocalDate.MAX;
        LocalDate max = LocalDate.MIN;
        Map<String, Integer> statuses = new HashMap<>();
        for (DataSet.Rec rec : records) {
            if (!rec.topic().equals("subscription-events")) {
                continue;
            }
            String json = new String(rec.value(), StandardCharsets.UTF_8);
            Matcher m = end.matcher(json);
            assertThat(m.find()).isTrue();
            LocalDate date = LocalDate.parse(m.group(1));
            min = date.isBefore(min) ? date : min;
            max = date.isAfter(max) ? date : max;
            Matcher s = status.matcher(json);
            assertThat(s.find()).isTrue();
            statuses.merge(s.group(1), 1, Integer::sum);
        }
        assertThat(min).isBetween(today.minusDays(60), today.minusDays(50));
        assertThat(max).isAfter(today.plusDays(300)); // renewals move a term a year on
        assertThat(statuses.keySet()).containsExactlyInAnyOrder("active", "expired", "suspended");
    }

    @Test
    void theSameSeedGivesTheSameRecords() {
        List<byte[]> first = new ArrayList<>();
        List<byte[]> second = new ArrayList<>();
        new DataSet(200, 9, NOW).generate((topic, rec) -> first.add(rec.value()));
        new DataSet(200, 9, NOW).generate((topic, rec) -> second.add(rec.value()));
        assertThat(first).hasSameSizeAs(second);
        for (int i = 0; i < first.size(); i++) {
            assertThat(Arrays.equals(first.get(i), second.get(i))).isTrue();
        }
    }
}
