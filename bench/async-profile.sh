#!/usr/bin/env bash
# The end-to-end profile of issue 21's third session (docs/benchmarks.md, "Where an event's time goes"):
# the service's throughput run (the benchmark's kafka phase, churn set by default) with async-profiler
# (Maven Central: tools.profiler:async-profiler) as an agent of the benchmark's JVM, one stack per sample
# and thread. CPU samples by default; -Dprofile.event=wall for wall-clock samples (what a thread waits for);
# -Dprofile.format=html for a flame graph (per thread) instead of text.
# Options are -D properties of bench/run.sh, for example
#   bench/async-profile.sh -Dbench.churn.events=250000 -Dbench.churn.tenants=5000
#   bench/async-profile.sh -Dprofile.event=wall -Dbench.datasets=bench -Dbench.tenants=5000
# Result: target/profile/async-<event>.collapsed (one line per stack, its thread first, with its sample
# count; the shares per thread are printed at the end) or .html.
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/profile
mkdir -p "$out"
version=4.1
mvn -B -q ${MVN_FLAGS:-} dependency:copy -Dartifact=tools.profiler:async-profiler:$version -DoutputDirectory="$out"
mvn -B -q ${MVN_FLAGS:-} -DskipTests test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
case "$(uname -m)" in
  x86_64) platform=linux-x64 ;;
  aarch64|arm64) platform=linux-arm64 ;;
  *) echo "async-profiler has no library for $(uname -m) in its Maven jar" >&2; exit 1 ;;
esac
unzip -o -q "$out/async-profiler-$version.jar" "$platform/*" -d "$out/async-profiler"
event=itimer
format=collapsed
for arg in "$@"; do
  case "$arg" in
    -Dprofile.event=*) event="${arg#-Dprofile.event=}" ;;
    -Dprofile.format=*) format="${arg#-Dprofile.format=}" ;;
  esac
done
case "$format" in collapsed|html) ;; *) echo "-Dprofile.format is collapsed or html, not $format" >&2; exit 1 ;; esac
interval=$([ "$event" = wall ] && echo 2ms || echo 1ms)   # cpu, itimer or wall: the events this script is for
cp="target/test-classes:target/classes:$(cat target/bench.classpath)"
agent="$PWD/$out/async-profiler/$platform/libasyncProfiler.so"
file="$out/async-$event.$format"
# The JVM of bench/run.sh; the warm-up first, so that the service's run is profiled on a JVM that
# has compiled its code (the warm-up's thread names begin with warmup.).
source bench/jvm.sh
java "${BENCH_JVM_OPTIONS[@]}" -agentpath:"$agent=start,event=$event,interval=$interval,threads,file=$file,$([ "$format" = html ] && echo flamegraph || echo collapsed)" \
  -Dbench.out=$out/bench -Dbench.phases=kafka -Dbench.warmup=true -Dbench.datasets=churn "$@" -cp "$cp" com.cspguard.bench.GuardBenchmark | tee "$out/async-$event.log"
if [ "$format" = collapsed ]; then
  echo "samples per thread (ids stripped):"
  awk '{n=$NF; split($0, f, ";"); t=f[1]; gsub(/ tid=[0-9]+/, "", t); gsub(/-[0-9a-f]+-[0-9a-f]+-[0-9a-f]+-[0-9a-f]+-[0-9a-f]+-/, "-", t); s[t]+=n; all+=n}
       END {for (t in s) printf "%6.1f%% %s\n", 100*s[t]/all, t}' "$file" | sort -rn | head -12
fi
echo "profile: $file"
