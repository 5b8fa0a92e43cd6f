package com.cspguard.topology;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The timer store's bookkeeping: cursor, keys behind it, and that nothing fires twice. */
class TimerStoreTest {
    private static final long NOW = 1_764_000_000_000L;

    @TempDir
    Path dir;
    private KeyValueStore<Bytes, byte[]> store;
    private TimerStore timers;

    @BeforeEach
    void open() {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "timer-store-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>(p, new TaskId(0, 0), dir.toFile());
        store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("timers"), Serdes.Bytes(), Serdes.ByteArray())
                .withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        timers = new TimerStore(store, new WriteCounter());
        timers.init();
    }

    @AfterEach
    void close() {
        store.close();
    }

    private void schedule(String owner, long due) {
        timers.schedule((byte) 0, owner, new TimerEntry("t", owner, "TERM_ENDING", due, null));
    }

    /** What the timer firer does: take what is due, remove it. */
    private List<String> fire(long now) {
        List<TimerStore.Due> due = timers.due(now, 1_000);
        due.forEach(d -> timers.remove(d.key()));
        return due.stream().map(d -> d.entry().ownerId()).toList();
    }

    @Test
    void aTimerAlreadyDueDoesNotMoveTheCursorBackAndFiresOnce() {
        for (int i = 0; i < 100; i++) {
            schedule("s" + i, NOW - 100_000 + i);
        }
        assertThat(fire(NOW)).hasSize(100);
        schedule("late", NOW - 50_000); // due long ago: behind the cursor
        assertThat(timers.behindCursor()).isEqualTo(1);
        long readBefore = timers.entriesRead();
        assertThat(fire(NOW + 200)).containsExactly("late");
        // one point look-up, plus the first key after now: no scan over the 100 fired ones
        assertThat(timers.entriesRead() - readBefore).isLessThanOrEqualTo(2);
        assertThat(fire(NOW + 400)).isEmpty();
        assertThat(timers.behindCursor()).isZero();
    }

    @Test
    void aRememberedTimerThatIsCancelledDoesNotFire() {
        schedule("a", NOW - 10);
        assertThat(fire(NOW)).containsExactly("a");
        schedule("b", NOW - 5);
        timers.cancel(NOW - 5, (byte) 0, "b");
        assertThat(fire(NOW + 200)).isEmpty();
    }

    @Test
    void beyondTheLimitTheStoreScansInsteadAndStillFiresEachOnce() {
        schedule("first", NOW - 1);
        assertThat(fire(NOW)).containsExactly("first");
        int n = TimerStore.BEHIND_CURSOR_LIMIT + 10;
        for (int i = 0; i < n; i++) {
            schedule("s" + i, NOW - 1_000_000 + i);
        }
        assertThat(timers.behindCursor()).isZero(); // forgotten when the limit was passed
        int fired = 0;
        for (int round = 0; round < 200 && fired < n; round++) {
            List<String> batch = fire(NOW + 1_000 + round);
            fired += batch.size();
        }
        assertThat(fired).isEqualTo(n);
        assertThat(fire(NOW + 10_000)).isEmpty();
    }

    @Test
    void aTimerDueLaterIsNotTakenEarly() {
        schedule("later", NOW + 60_000);
        assertThat(fire(NOW)).isEmpty();
        assertThat(fire(NOW + 60_000)).containsExactly("later");
    }
}
