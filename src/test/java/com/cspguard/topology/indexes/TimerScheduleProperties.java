package com.cspguard.topology.indexes;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The schedule hands out due entries in (due, kind, tenant, owner) order, whatever the order of adds. */
class TimerScheduleProperties {

    record E(long due, byte kind, String tenant, String owner) { }

    private static final Comparator<E> ORDER = Comparator.comparingLong(E::due).thenComparing(E::kind)
            .thenComparing(E::tenant).thenComparing(E::owner);

    @Property(tries = 200)
    void dueEntriesComeOutInOrderAndNothingElse(@ForAll @Size(max = 300) List<@IntRange(min = 0, max = 50) Integer> dues,
                                                @ForAll @IntRange(min = 0, max = 60) int now, @ForAll boolean filledAtOnce) {
        TimerSchedule schedule = new TimerSchedule();
        if (filledAtOnce) {
            schedule.filling(); // as a rebuild fills it
        }
        List<E> added = new ArrayList<>();
        for (int i = 0; i < dues.size(); i++) {
            E e = new E(dues.get(i), (byte) (i % 3), "t" + (i % 4), "s" + i);
            added.add(e);
            schedule.add(e.due(), e.kind(), e.tenant(), e.owner());
        }
        if (filledAtOnce) {
            schedule.filled();
        }
        List<E> expected = added.stream().filter(e -> e.due() <= now).sorted(ORDER).toList();
        List<E> taken = new ArrayList<>();
        TimerSchedule.Due d;
        while ((d = schedule.pollDue(now)) != null) {
            taken.add(new E(d.dueAtMillis(), d.kind(), d.tenantId(), d.ownerId()));
        }
        assertThat(taken).containsExactlyElementsOf(expected);
        assertThat(schedule.size()).isEqualTo(dues.size() - expected.size());
        long rest = added.stream().filter(e -> e.due() > now).mapToLong(E::due).min().orElse(Long.MAX_VALUE);
        assertThat(schedule.earliestDue()).isEqualTo(rest);
    }

    @Property(tries = 50)
    void staleEntriesAskForCompactionOnlyWhenTheyOutnumberCurrentOnes(@ForAll @IntRange(min = 0, max = 200_000) int current,
                                                                      @ForAll @IntRange(min = 0, max = 200_000) int retired) {
        TimerSchedule schedule = new TimerSchedule();
        for (int i = 0; i < current + retired; i++) {
            schedule.add(i, (byte) 0, "t", "s" + i);
        }
        for (int i = 0; i < retired; i++) {
            schedule.retire();
        }
        assertThat(schedule.live()).isEqualTo(current);
        assertThat(schedule.needsCompaction()).isEqualTo(retired > Math.max(current, 65_536));
    }

    @Property(tries = 100)
    void guidOwnersComeBackExactly(@ForAll @Size(max = 100) List<Long> seeds, @ForAll boolean upper) {
        List<UUID> ids = seeds.stream().map(x -> new UUID(x, Long.rotateLeft(x, 17) ^ 0x9E3779B97F4A7C15L)).toList();
        TimerSchedule schedule = new TimerSchedule();
        List<String> owners = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i).toString();
            String owner = upper && i % 2 == 0 ? id.toUpperCase() : i % 5 == 0 ? id + "-x" : id;
            owners.add(owner);
            schedule.add(i % 7, (byte) 0, "t", owner);
        }
        List<String> back = new ArrayList<>();
        TimerSchedule.Due d;
        while ((d = schedule.pollDue(Long.MAX_VALUE)) != null) {
            back.add(d.ownerId());
        }
        assertThat(back).containsExactlyInAnyOrderElementsOf(owners);
    }
}
