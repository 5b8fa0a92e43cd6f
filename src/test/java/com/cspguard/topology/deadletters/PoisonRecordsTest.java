package com.cspguard.topology.deadletters;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PoisonRecordsTest {

    @Test
    void aHeldRecordIsTakenOnceByItsExactPosition() {
        PoisonRecords p = new PoisonRecords(10);
        p.hold("app", "transfer-requests", 3, 42, "too large");
        assertThat(p.take("other-app", "transfer-requests", 3, 42)).isNull();
        assertThat(p.take("app", "transfer-requests", 3, 41)).isNull();
        assertThat(p.take("app", "subscription-events", 3, 42)).isNull();
        assertThat(p.take("app", "transfer-requests", 3, 42)).isEqualTo("too large");
        assertThat(p.take("app", "transfer-requests", 3, 42)).isNull();
    }

    @Test
    void theOldestIsForgottenBeyondTheCapacity() {
        PoisonRecords p = new PoisonRecords(2);
        p.hold("app", "t", 0, 1, "a");
        p.hold("app", "t", 0, 2, "b");
        p.hold("app", "t", 0, 3, "c");
        assertThat(p.holds("app", "t", 0, 1)).isFalse();
        assertThat(p.take("app", "t", 0, 2)).isEqualTo("b");
        assertThat(p.take("app", "t", 0, 3)).isEqualTo("c");
    }

    @Test
    void aRecordWithoutAPositionIsNotHeld() {
        PoisonRecords p = new PoisonRecords(2);
        p.hold("app", null, -1, -1, "punctuation");
        assertThat(p.holds("app", null, -1, -1)).isFalse();
    }

    @Test
    void holdingTheCurrentRecordIsSeenByItsThreadUntilDone() {
        PoisonRecords p = new PoisonRecords(10);
        assertThat(p.heldWhileProcessing()).isNull();
        p.holdCurrent("nothing in flight"); // no record marked: nothing to hold
        assertThat(p.heldWhileProcessing()).isNull();
        p.processing(new PoisonRecords.InFlight("app", "t", 1, 5, null, null, null, 0));
        p.holdCurrent("refused");
        p.holdCurrent("a follow-up error of the aborted transaction");
        assertThat(p.heldWhileProcessing()).isEqualTo("refused");
        assertThat(p.take("app", "t", 1, 5)).isEqualTo("refused");
        p.holdCurrent("again");
        assertThat(p.holds("app", "t", 1, 5)).isFalse(); // taken above; the later ones did not hold it again
        p.done();
        assertThat(p.heldWhileProcessing()).isNull();
        assertThat(p.current()).isNull();
    }
}
