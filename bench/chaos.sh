#!/usr/bin/env bash
# The chaos test (docs/reliability.md): builds the jar, starts a Kafka broker and the service as
# their own processes on 127.0.0.1, writes a seeded load with repeats, stale snapshots and bad
# records, kills the service with kill -9 at random moments and restarts the broker, then checks
# the output topics. One line per check; exits non-zero when a check fails. Options are -D
# properties, for example
#   bench/chaos.sh -Dchaos.events=50000 -Dchaos.kills=2 -Dchaos.seed=7
# Scale-out mode (N instances on a B-broker cluster, kills, a broker kill, a rolling restart, scaling, an API prober):
#   bench/chaos.sh -Dchaos.instances=3 -Dchaos.brokers=3
# Logs of every process: target/chaos/<time>/logs/.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q ${MVN_FLAGS:-} -DskipTests package dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/chaos.classpath
exec java -Xms512m -Xmx3g "$@" -cp "target/test-classes:target/classes:$(cat target/chaos.classpath)" com.cspguard.chaos.ChaosRun
