#!/usr/bin/env bash
# The kup benchmark, one command: builds the consumer jar and the benchmark, then runs every
# phase (database limit, kup backlog drain, baselines, latency) against PostgreSQL and a Kafka
# broker of its own, verifies each phase's table, prints one table on stdout and writes
# bench/target/results.json. Progress and logs go to stderr and bench/target/logs/.
#
#   bench/run.sh --quick          # 100k rows / 100k updates: a few minutes
#   bench/run.sh                  # 1M rows / 1M updates per distribution
#   bench/run.sh --phases db,kup --rows 500k --updates 2m
#   bench/run.sh --help           # every option and its BENCH_* variable
#
# BENCH_SKIP_BUILD=true runs what was built last; BENCH_JAVA_OPTS replaces the benchmark JVM's
# options (default -Xmx2g). KUP_BOOTSTRAP_SERVERS uses that broker instead of starting one.
# Needs: JDK 17+, PostgreSQL (default jdbc:postgresql://127.0.0.1:5432/test as postgres; the
# schema kup_bench is dropped and created) or MariaDB (--db-url jdbc:mariadb://127.0.0.1:3306/test,
# as root; the database kup_bench is dropped and created), and 2 free cores for numbers worth
# comparing.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${BENCH_SKIP_BUILD:-false}" != "true" ]]; then
  ./mvnw -q -pl consumer,bench -am package -DskipTests
fi

exec java ${BENCH_JAVA_OPTS:--Xmx2g} \
  -cp "bench/target/kup-bench.jar:$(cat bench/target/classpath.txt)" \
  dev.kup.bench.Benchmark "$@"
