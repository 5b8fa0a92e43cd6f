#!/usr/bin/env bash
# Reruns the benchmark: builds, then for each data set (the bench's own and the churn set of issue 21,
# -Dbench.datasets=bench,churn) starts a Kafka broker as its own process, loads the data set and
# measures everything in docs/benchmarks.md. Options are -D properties, for example
#   bench/run.sh -Dbench.tenants=5000 -Dbench.timers=1000000
#   bench/run.sh -Dbench.datasets=churn -Dbench.churn.events=250000 -Dbench.churn.tenants=5000
# Results: target/bench/results.md (one column per data set) and target/bench/latency-<data set>.png.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
source bench/jvm.sh
exec java "${BENCH_JVM_OPTIONS[@]}" "$@" -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" com.cspguard.bench.GuardBenchmark
