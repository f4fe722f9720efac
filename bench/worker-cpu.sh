#!/usr/bin/env bash
# The CPU a kup worker spends per record, without Kafka (dev.kup.bench.cpu.WorkerPathCpu): decode,
# validate and apply a stream (each row once) in rolled-back batches of 1,000, round after round.
#
#   bench/worker-cpu.sh                         # 12 rounds of 100,000 records
#   bench/worker-cpu.sh 100000 12
#   bench/worker-cpu.sh --kup-jar /tmp/kup-consumer-before.jar    # another build's pipeline
#
# --kup-jar puts that consumer jar first on the classpath, so its pipeline classes are the ones
# measured (builds close enough to link against this tool). Drops and creates schema kup_bench
# (BENCH_DB_URL, BENCH_DB_USER, BENCH_DB_PASSWORD as for bench/run.sh). BENCH_SKIP_BUILD=true runs
# what was built last.
set -euo pipefail
cd "$(dirname "$0")/.."

first=""
if [[ "${1:-}" == "--kup-jar" ]]; then
  first="$2:"
  shift 2
fi
if [[ "${BENCH_SKIP_BUILD:-false}" != "true" ]]; then
  ./mvnw -q -pl bench -am package -DskipTests
fi

exec java ${BENCH_JAVA_OPTS:--Xmx1g} \
  -cp "${first}bench/target/kup-bench.jar:$(cat bench/target/classpath.txt)" \
  dev.kup.bench.cpu.WorkerPathCpu "$@"
