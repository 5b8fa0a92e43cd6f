#!/usr/bin/env bash
# The end-to-end profile of issue 21 (docs/benchmarks.md, "Where an event's time goes"): runs the
# benchmark's Kafka part on one data set (churn by default) with Flight Recorder on the benchmark's JVM
# (the service and the DSL peer run in it) and on the broker's, then summarises where the CPU samples go:
# per kind of thread, and for each application's stream thread per part of its work (processing and,
# inside it, the guard's code, RocksDB, the producer; polling; committing the transaction).
# Options are -D properties of bench/run.sh, for example
#   bench/profile.sh -Dbench.datasets=bench -Dbench.tenants=5000
# Results: target/profile/summary.md (and the .jfr files beside it, for JDK Mission Control).
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/profile
rm -rf "$out"; mkdir -p "$out"
mvn -B -q ${MVN_FLAGS:-} -DskipTests test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
# the JDK's "profile" settings, with native code sampled as often as Java (10 ms) and waits from 1 ms
jfc="$out/guard-profile.jfc"
awk '/<event name="jdk.NativeMethodSample">/{n=1} n&&/name="period"/{sub(/20 ms/,"10 ms");n=0}
     /<event name="jdk.(ThreadPark|ThreadSleep|JavaMonitorWait)">/{t=1} t&&/name="threshold"/{sub(/10 ms/,"1 ms");t=0} {print}' \
  "$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")/lib/jfr/profile.jfc" > "$jfc"
cp="target/test-classes:target/classes:$(cat target/bench.classpath)"
java -Xms2g -Xmx8g -XX:StartFlightRecording=filename=$out/service.jfr,settings=$jfc \
  -Dbench.jfr=$out -Dbench.out=$out/bench -Dbench.phases=kafka,peer -Dbench.datasets=churn "$@" \
  -cp "$cp" com.cspguard.bench.GuardBenchmark | tee "$out/bench.log"
{
  echo "## Benchmark JVM (service and DSL peer)"; echo
  java -cp "$cp" com.cspguard.bench.ProfileSummary "$out/service.jfr" bench-service bench-dsl-peer
  echo "## Broker"; echo
  java -cp "$cp" com.cspguard.bench.ProfileSummary "$out/broker.jfr"
} > "$out/summary.md"
echo "profile summary: $out/summary.md"
