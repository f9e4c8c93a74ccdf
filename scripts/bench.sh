#!/usr/bin/env bash
# Builds the benchmark executable in release mode and runs it.
#
#   scripts/bench.sh                      # everything (a few minutes; the 5 req/s scenarios take ~2 of them)
#   scripts/bench.sh all --json > bench.json
#   scripts/bench.sh validate --rows 1000000 --rounds 3       # Python baseline vs ctbulk, same file, alternating
#   scripts/bench.sh apply --help
#   scripts/bench.sh apply --rate 5 --latency-ms 100 --writes 300
#   scripts/bench.sh journal --outcomes 50000
#
# Figures and how they were measured: docs/benchmarks.md. Benchmarks are never part of `swift test`.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product ctbulk-bench >&2
swift build -c release --product ctbulk >&2     # `validate` runs the real binary
bin="$(swift build -c release --show-bin-path)/ctbulk-bench"
if [ $# -eq 0 ]; then set -- all; fi
exec "$bin" "$@"
