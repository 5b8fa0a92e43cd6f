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
# The whole heap up front and touched: with a heap growing from 2 GB the cold index rebuild took 3-4
# times as long and the in-memory stores' pass up to 2.4 times (docs/benchmarks.md, eighth session).
# Huge pages for the heap and for malloc (RocksDB's memtables and block cache), as the container image
# runs the service: its throughput runs were about a sixth faster in the median (docs/benchmarks.md,
# ninth session). Where the kernel or glibc (< 2.35) has none, both are ignored.
export GLIBC_TUNABLES="${GLIBC_TUNABLES:+$GLIBC_TUNABLES:}glibc.malloc.hugetlb=1"
exec java -Xms8g -Xmx8g -XX:+AlwaysPreTouch -XX:+UseTransparentHugePages "$@" -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" com.cspguard.bench.GuardBenchmark
