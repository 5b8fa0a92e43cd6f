# The benchmark's JVM, sourced by bench/run.sh and bench/async-profile.sh, so that a profile runs on
# the JVM the benchmark measures.
# The whole heap up front and touched: with a heap growing from 2 GB the cold index rebuild took 3-4
# times as long and the in-memory stores' pass up to 2.4 times (docs/benchmarks.md, eighth session).
# Huge pages for the heap and for malloc (RocksDB's memtables and block cache), as the container image
# runs the service: its throughput runs were about a sixth faster in the median (docs/benchmarks.md,
# ninth session). Where the kernel or glibc (< 2.35) has none, both are ignored.
export GLIBC_TUNABLES="${GLIBC_TUNABLES:+$GLIBC_TUNABLES:}glibc.malloc.hugetlb=1"
BENCH_JVM_OPTIONS=(-Xms8g -Xmx8g -XX:+AlwaysPreTouch -XX:+UseTransparentHugePages)
