#!/usr/bin/env bash
# A restart's failover on a machine that is otherwise idle (docs/reliability.md, "Scale-out runs after
# the restart's early release"): one broker, two service instances with a standby each, then three
# times kill -9 of instance 2 and its restart at once. Prints, per kill, the restart's own line (when
# it removed its old member and ended its transactions, in seconds after its JVM started) and the
# survivor's group log (when it was told, joined and ran the moved tasks again).
# Run folder: target/restart-failover/. Needs the ports 18181 and 18182.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q ${MVN_FLAGS:-} -DskipTests package dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/chaos.classpath
X=$PWD/target/restart-failover; rm -rf "$X"; mkdir -p "$X"
CP="target/test-classes:target/classes:$(cat target/chaos.classpath)"
JAR=$(ls "$PWD"/target/csp-transfer-guard-*.jar | head -1)
(sleep 900 | java -Xmx512m -cp "$CP" com.cspguard.bench.BenchBroker 127.0.0.1:0 "$X/broker" > "$X/broker.out" 2> "$X/broker.log") &
for _ in $(seq 1 60); do grep -q READY "$X/broker.out" 2>/dev/null && break; sleep 1; done
BS=$(grep READY "$X/broker.out" | awk '{print $2}'); echo "broker $BS"
start() { # instance number, port, run number
  mkdir -p "$X/i$1"
  # exec: the background process is the JVM itself, so that kill -9 of its pid kills the service
  (cd "$X/i$1" && exec env KAFKA_BOOTSTRAP_SERVERS="$BS" GUARD_EMBEDDED_KAFKA=false MICRONAUT_SERVER_PORT="$2" \
    MICRONAUT_SERVER_HOST=127.0.0.1 GUARD_APPLICATION_SERVER="127.0.0.1:$2" GUARD_APPLICATION_ID=restart-failover \
    GUARD_INSTANCE_ID="restart-failover-$1" GUARD_STATE_DIR="$X/i$1/state" GUARD_DATA_DIR="$X/i$1/data" \
    GUARD_JWT_SECRET=restart-failover-secret-of-32-bytes-or-more GUARD_STANDBY_REPLICAS=1 \
    java -Xmx512m -XX:+UseSerialGC -Dguard.log.group=INFO -jar "$JAR") > "$X/i$1-$3.log" 2>&1 &
  echo $! > "$X/i$1.pid"
}
start 1 18181 1; start 2 18182 1
for _ in $(seq 1 120); do
  c=$(cat "$X/i1-1.log" "$X/i2-1.log" | grep -c "REBALANCING to RUNNING" || true); [ "$c" -ge 2 ] && break; sleep 1
done
sleep 20
for k in 2 3 4; do
  K=$(date +%H:%M:%S.%N | cut -c1-12); P=$(cat "$X/i2.pid"); kill -9 "$P"; wait "$P" 2>/dev/null || true; start 2 18182 $k
  echo "kill -9 of instance 2 at $K, restarted at once"
  sleep 40
  grep -h "PreviousRunRelease" "$X/i2-$k.log" | sed 's/^.*PreviousRunRelease - /  restart: /' || true
  awk -v k="$K" '$1 >= k' "$X/i1-1.log" | grep -E "group is already rebalancing|StreamThread.*\(Re-\)joining|REBALANCING to RUNNING" \
    | head -4 | sed -E 's/^([0-9:.]+) .*(group is already rebalancing|\(Re-\)joining group|REBALANCING to RUNNING).*/  survivor \1 \2/' || true
done
kill "$(cat "$X/i1.pid")" "$(cat "$X/i2.pid")" 2>/dev/null || true; sleep 8; pkill -f "BenchBroker 127.0.0.1:0 $X/broker" || true
