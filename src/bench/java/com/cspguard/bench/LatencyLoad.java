package com.cspguard.bench;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The latency run's load: records of the data set's shape whose mix is the same in every second of
 * the run, as it is over the whole throughput run that set the rate (half its maximum).
 * <p>
 * A data set sends its creations first and its changes after them (a backfill, then the changes of a
 * running billing system), and a change costs the service more than a creation (a store read, the
 * timers moved, the open transfers evaluated again). Played as one set, the load's measured part (its
 * seconds 30-50 at about 20 k records/s) was the bench set's change phase, heavier than the average the
 * maximum was measured on, and the service fell behind exactly then, every run (docs/benchmarks.md).
 * So the load is {@value #SLOTS} streams interleaved record by record, each playing sets of
 * 1/{@value #SLOTS} of the data set's size back to back (fresh tenants and seeds), stream {@code i}
 * starting {@code i}/{@value #SLOTS} of the way into its first set: at any moment the streams are at
 * different points of a set's life, so the mix stays the set's own. Within a set the order is the set's;
 * what a stream skips of its first set is the load's prelude, sent at once before the timed records
 * (so that those changes meet the subscriptions they change, as in the set).
 *
 * @param prelude what the streams skip of their first sets, to send before the timed load
 * @param timed   the records to send at the run's rate
 */
record LatencyLoad(List<DataSet.Rec> prelude, List<DataSet.Rec> timed) {
    static final int SLOTS = 32;

    /** {@code needed} timed records, from sets drawn with seeds {@code firstSeed}, {@code firstSeed + 1}, ... */
    static LatencyLoad build(BenchData data, long firstSeed, long needed) {
        List<DataSet.Rec> prelude = new ArrayList<>();
        List<Slot> slots = new ArrayList<>();
        for (int i = 0; i < SLOTS; i++) {
            slots.add(new Slot(data, firstSeed + i, i, prelude));
        }
        List<DataSet.Rec> load = new ArrayList<>((int) Math.min(needed, Integer.MAX_VALUE - 8));
        while (load.size() < needed) {
            int before = load.size();
            for (Slot slot : slots) {
                if (load.size() < needed) {
                    DataSet.Rec next = slot.next();
                    if (next != null) {
                        load.add(next);
                    }
                }
            }
            if (load.size() == before) {
                break; // sets without records: the load is what it is
            }
        }
        return new LatencyLoad(List.copyOf(prelude), load);
    }

    /** One stream: sets of 1/SLOTS the size, seeds {@code seed}, {@code seed + SLOTS}, ... */
    private static final class Slot {
        private final BenchData data;
        private final ArrayDeque<DataSet.Rec> queue = new ArrayDeque<>();
        private long seed;
        private int emptySets;

        Slot(BenchData data, long seed, int index, List<DataSet.Rec> prelude) {
            this.data = data;
            this.seed = seed;
            refill();
            // start index/SLOTS of the way into the first set; what comes before goes to the prelude
            long skip = (long) queue.size() * index / SLOTS;
            for (long k = 0; k < skip; k++) {
                prelude.add(queue.poll());
            }
        }

        DataSet.Rec next() {
            if (queue.isEmpty() && emptySets < 2) {
                refill();
            }
            return queue.poll();
        }

        private void refill() {
            data.sized(1.0 / SLOTS, seed).generate((topic, r) -> queue.add(r));
            emptySets = queue.isEmpty() ? emptySets + 1 : 0;
            seed += SLOTS;
        }
    }
}
