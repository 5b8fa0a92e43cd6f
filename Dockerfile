# Build: mvn -B -DskipTests package && docker build -t csp-transfer-guard .
FROM eclipse-temurin:17-jre
WORKDIR /app
COPY target/csp-transfer-guard-*.jar /app/csp-transfer-guard.jar
# State lives in a volume so that a restarted container keeps it.
ENV GUARD_STATE_DIR=/var/lib/csp-transfer-guard/streams
# The local JWT signing secret and data/admin-token of the default mode, kept across restarts.
ENV GUARD_DATA_DIR=/var/lib/csp-transfer-guard
# Not root: the state folder belongs to uid 10001 (deploy/kubernetes runs as that user too).
RUN mkdir -p /var/lib/csp-transfer-guard && chown 10001:10001 /var/lib/csp-transfer-guard
USER 10001
VOLUME /var/lib/csp-transfer-guard
EXPOSE 8080
# Huge pages for the heap (-XX:+UseTransparentHugePages) and for malloc, which RocksDB's memtables
# and block cache use (glibc 2.35+): with both, the service's throughput runs were about a sixth
# faster in the median (docs/benchmarks.md, ninth session). A host whose
# transparent huge pages are "never" ignores both, and the service runs as before.
ENV GLIBC_TUNABLES=glibc.malloc.hugetlb=1
# exec form: the JVM gets SIGTERM directly and closes the stream cleanly.
ENTRYPOINT ["java", "-XX:+UseTransparentHugePages", "-jar", "/app/csp-transfer-guard.jar"]
