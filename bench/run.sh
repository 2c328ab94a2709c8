#!/usr/bin/env bash
# Builds the benchmarks jar and prints the full report: the quick run (JMH, end-to-end paging in one JVM
# and in fresh JVMs, the TypeScript SDK beside the raw loop, latency hiding), then the memory mode under
# a 64 MB heap, then the parallel export, then the realtime subscriptions (about 2.5 min). Extra arguments go
# to the quick run (e.g. --full).
# The build goes through the root reactor on purpose: `mvn -pl bench` alone would take the facade from
# ~/.m2, which may hold a snapshot installed from another checkout or branch.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q install -DskipTests
# The official TypeScript SDK, for the comparison section (skipped, with a note, where Node.js is missing).
if command -v npm >/dev/null 2>&1; then
  npm ci --prefix bench/ts --no-audit --no-fund --loglevel=error
fi
java -jar bench/target/trigger-runs-bench.jar "$@"
java -Xmx64m -jar bench/target/trigger-runs-bench.jar --memory
# The parallel export against the testkit (live rate limit, 150-250 ms a page): 100,000 runs, even and skewed,
# beside sequential iterate, and with 10% faults (about 12 min); then 1,000,000 runs under a 64 MB heap.
java -cp bench/target/trigger-runs-bench.jar io.github.triggerruns.bench.export.ExportBench
java -Xmx64m -cp bench/target/trigger-runs-bench.jar io.github.triggerruns.bench.export.ExportBench --memory
java -jar bench/target/trigger-runs-bench.jar --realtime
