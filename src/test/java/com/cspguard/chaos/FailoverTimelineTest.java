package com.cspguard.chaos;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The scale-out run's line on where a failover's time went, from the instances' logs. */
class FailoverTimelineTest {

    @Test
    void readsWhenTheGroupWasToldWhenTheSurvivorsJoinedAndWhenTheyRanAgain(@TempDir Path dir) throws Exception {
        Path restart = Files.writeString(dir.resolve("instance-3-2.log"), """
                11:55:40.605 INFO  [main] c.c.runtime.PreviousRunRelease - removed 1 member(s) of this instance's previous run
                """);
        Path survivor = Files.writeString(dir.resolve("instance-1-1.log"), """
                11:55:30.000 INFO  [x-StreamThread-1] o.a.k.c.c.i.ConsumerCoordinator - (Re-)joining group (before the kill)
                11:55:40.100 INFO  [kafka-coordinator-heartbeat-thread | g] o.a.k.c.c.i.ConsumerCoordinator - Request joining group due to: group is already rebalancing
                11:55:40.200 INFO  [x-StreamThread-1] o.a.k.c.c.i.ConsumerCoordinator - (Re-)joining group
                11:55:40.400 INFO  [kafka-coordinator-heartbeat-thread | g] o.a.k.c.c.i.ConsumerCoordinator - Successfully synced group in generation 4
                11:55:40.900 INFO  [kafka-coordinator-heartbeat-thread | g] o.a.k.c.c.i.ConsumerCoordinator - Successfully synced group in generation 5
                11:55:41.500 INFO  [x-StreamThread-1] o.apache.kafka.streams.KafkaStreams - State transition from REBALANCING to RUNNING
                \tat some.stack.Frame(Frame.java:1)
                11:56:30.000 INFO  [x-StreamThread-1] o.apache.kafka.streams.KafkaStreams - State transition from REBALANCING to RUNNING
                """);

        String line = FailoverTimeline.describe(LocalTime.parse("11:55:33.000"), Duration.ofSeconds(10), restart, List.of(survivor));

        assertThat(line).isEqualTo("restart removed its member +7.6 s, survivors told of a rebalance +7.1 s, "
                + "survivors joined +7.2 s, 2 rebalance round(s), last survivor RUNNING +8.5 s");
    }

    @Test
    void aMissingLogGivesAnEmptyTimelineNotAnError(@TempDir Path dir) {
        assertThat(FailoverTimeline.describe(LocalTime.NOON, Duration.ofSeconds(5), dir.resolve("none.log"), List.of()))
                .isEqualTo("0 rebalance round(s)");
    }
}
