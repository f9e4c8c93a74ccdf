#!/usr/bin/env bash
# Instructions per row of `ctbulk validate` (and `--report`) under valgrind's callgrind: a figure that does not move
# with the machine's load, so a regression in the validation path shows without timing noise.
#
#   scripts/instructions-per-row.sh                 # 20,000 rows, cp1251
#   scripts/instructions-per-row.sh 50000 utf8
#
# Counts the whole process on an N-row file and on the same file cut to its header, and prints the difference per
# row. Needs valgrind and gcc (apt-get install -y valgrind gcc). valgrind 3.19 crashes on async Swift binaries and
# cannot read DWARF 5: the script preloads a small shim (rt_sigsuspend) and profiles a copy stripped of debug info.
# See docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
rows="${1:-20000}"
encoding="${2:-cp1251}"
swift build -c release --product ctbulk >&2
swift build -c release --product ctbulk-bench >&2
bin="$(swift build -c release --show-bin-path)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cat > "$work/shim.c" <<'C'
#define _GNU_SOURCE
#include <signal.h>
#include <dlfcn.h>
/* valgrind 3.19 writes into the mask given to rt_sigsuspend; libdispatch passes a read-only one. */
int sigsuspend(const sigset_t *mask) {
  static int (*real)(const sigset_t *);
  if (!real) real = (int (*)(const sigset_t *))dlsym(RTLD_NEXT, "sigsuspend");
  sigset_t copy = *mask;
  return real(&copy);
}
C
gcc -shared -fPIC -O2 -o "$work/shim.so" "$work/shim.c" -ldl
cp "$bin/ctbulk" "$work/ctbulk" && strip -g "$work/ctbulk"
"$bin/ctbulk-bench" generate --rows "$rows" --encodings "$encoding" "$work/job.csv"
head -n 1 "$work/job.csv" > "$work/header.csv"
count() {  # total instructions (Ir) of one run
  LD_PRELOAD="$work/shim.so" valgrind --tool=callgrind --callgrind-out-file="$work/cg.out" "$@" > /dev/null 2>&1 || true
  callgrind_annotate "$work/cg.out" 2>/dev/null | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1; exit }'
}
for mode in validate report; do
  extra=()
  if [ "$mode" = report ]; then extra=(--report "$work/report.csv"); fi
  base=$(count "$work/ctbulk" validate "$work/header.csv" --lang en "${extra[@]}")
  full=$(count "$work/ctbulk" validate "$work/job.csv" --lang en "${extra[@]}")
  echo "$mode: $(( (full - base) / rows )) instructions per row ($rows rows, $encoding; $full - $base)"
done
