package com.cspguard.bench;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark's data set has the shape issues 5 and 10 ask for. */
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
    void flippingTenantsHoldTheirAwaitingSubscriptionsAndFlipOthersBetweenCountedAndNotCountedInPairs() {
        DataSet data = new DataSet(2_000, 42, NOW);
        Pattern sub = Pattern.compile("\"subscription\":\\{\"id\":\"[0-9a-f]{8}-0000-4000-8000-([0-9a-f]{12})\",\"offerId\":\"([^\"]+)\"");
        Pattern status = Pattern.compile("\"status\":\"([a-z]+)\"");
        Map<String, Map<Integer, List<String>>> statusesBySubscription = new HashMap<>();
        Map<String, List<Integer>> flippedSubscriptions = new HashMap<>();
        Map<DataSet.Profile, Integer> flips = new EnumMap<>(DataSet.Profile.class);
        Map<DataSet.Profile, Integer> tenantsSeen = new EnumMap<>(DataSet.Profile.class);
        data.generate((topic, rec) -> {
            String tenant = new String(rec.key(), StandardCharsets.UTF_8);
            DataSet.Profile profile = data.profileOf(tenant);
            if (profile == DataSet.Profile.ORDINARY) {
                return;
            }
            assertThat(topic).as("flipping tenants get no transfer requests").isEqualTo("subscription-events");
            String json = new String(rec.value(), StandardCharsets.UTF_8);
            Matcher m = sub.matcher(json);
            assertThat(m.find()).isTrue();
            int id = Integer.parseInt(m.group(1), 16);
            Matcher s = status.matcher(json);
            assertThat(s.find()).isTrue();
            boolean awaiting = id < profile.awaiting;
            assertThat(m.group(2).equals(DataSet.AWAITING_OFFER)).as("only awaiting subscriptions hold the awaiting offer")
                    .isEqualTo(awaiting);
            List<String> history = statusesBySubscription.computeIfAbsent(tenant, k -> new HashMap<>())
                    .computeIfAbsent(id, k -> new ArrayList<>());
            history.add(s.group(1));
            if (history.size() == 1) {
                tenantsSeen.merge(profile, id == 0 ? 1 : 0, Integer::sum);
                assertThat(s.group(1)).isEqualTo(awaiting ? "expired" : "active");
            } else {
                assertThat(awaiting).as("an awaiting subscription never changes").isFalse();
                flips.merge(profile, 1, Integer::sum);
                flippedSubscriptions.computeIfAbsent(tenant, k -> new ArrayList<>()).add(id);
            }
        });
        assertThat(tenantsSeen).containsEntry(DataSet.Profile.LARGE_FLIPPING, 10).containsEntry(DataSet.Profile.SMALL_FLIPPING, 100);
        statusesBySubscription.forEach((tenant, subs) -> {
            DataSet.Profile profile = data.profileOf(tenant);
            assertThat(subs).hasSize(profile.size);
            // each subscription alternates counted, not counted, counted, ...
            subs.forEach((id, history) -> {
                for (int i = 1; i < history.size(); i++) {
                    assertThat(history.get(i)).isEqualTo(i % 2 == 1 ? "expired" : "active");
                }
            });
        });
        // a tenant flips one subscription down and the same one back up before the next
        flippedSubscriptions.values().forEach(ids -> {
            for (int i = 1; i < ids.size(); i += 2) {
                assertThat(ids.get(i)).isEqualTo(ids.get(i - 1));
            }
        });
        int large = flips.get(DataSet.Profile.LARGE_FLIPPING);
        int small = flips.get(DataSet.Profile.SMALL_FLIPPING);
        assertThat(large).isGreaterThan(1_000);
        assertThat((double) small / large).isBetween(0.9, 1.1);
    }

    @Test
    void countSubscriptionsMatchesTheSubscriptionsGeneratedAndTheyComeFirst() {
        Pattern sub = Pattern.compile("\"subscription\":\\{\"id\":\"([^\"]+)\"");
        Map<String, Boolean> distinct = new HashMap<>();
        long[] index = {0, -1}; // records so far, index of the last record that created a subscription
        new DataSet(500, 3, NOW).generate((topic, rec) -> {
            if (topic.equals("subscription-events")) {
                Matcher m = sub.matcher(new String(rec.value(), StandardCharsets.UTF_8));
                assertThat(m.find()).isTrue();
                if (distinct.put(new String(rec.key(), StandardCharsets.UTF_8) + "|" + m.group(1), true) == null) {
                    index[1] = index[0];
                }
            }
            index[0]++;
        });
        long subscriptions = DataSet.countSubscriptions(500, 3);
        assertThat((long) distinct.size()).isEqualTo(subscriptions);
        // the creations come first: the CPU benchmark tells the changes by their index
        assertThat(index[1]).isEqualTo(subscriptions - 1);
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
