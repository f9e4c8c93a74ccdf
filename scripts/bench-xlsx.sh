#!/usr/bin/env bash
# Validation of a 200,000-row job as .xlsx next to the same job as CSV (the baseline), release build, peak memory
# from /usr/bin/time -v. The workbook is written by LibreOffice Calc from the CSV (shared strings, numbers stored as
# numbers), as a user's file would be. Then expat alone on the sheet's XML against `ctbulk validate` of the
# workbook, five alternating rounds (needs gcc and libexpat1-dev).
#
#   apt-get install -y libreoffice-calc time
#   scripts/bench-xlsx.sh [ROWS]          # default 200000; files in ${BENCH_DIR:-/tmp/ctbulk-bench-xlsx}
#   CTBULK_BIN=.build/debug/ctbulk scripts/bench-xlsx.sh   # with another build
set -euo pipefail
cd "$(dirname "$0")/.."
rows="${1:-200000}"
dir="${BENCH_DIR:-/tmp/ctbulk-bench-xlsx}"
mkdir -p "$dir"
csv="$dir/job-$rows.csv"
xlsx="$dir/job-$rows.xlsx"
if [ ! -f "$xlsx" ]; then
  python3 - "$csv" "$rows" <<'PY'
import sys
path, rows = sys.argv[1], int(sys.argv[2])
with open(path, "w", encoding="utf-8-sig", newline="") as out:
    out.write("Номер;Пул;Источник;Канал;Кампания;Номер переадресации;Резервный номер;Таймаут;Игнорировать гудки\r\n")
    for i in range(rows):
        reserve = f"7495{7000000 + i % 1000:07d};{30 + i % 60};да" if i % 3 == 0 else ";;"
        out.write(f"{79000000000 + i};Пул {i % 20};yandex;cpc;кампания-{i};7495{1000000 + i % 5000:07d};{reserve}\r\n")
PY
  HOME="${HOME:-/tmp}" soffice --headless --norestore --infilter="CSV:59,34,76,1" \
    --convert-to "xlsx:Calc MS Excel 2007 XML" --outdir "$dir" "$csv" >/dev/null
fi
bin="${CTBULK_BIN:-}"   # another build of ctbulk (e.g. a debug one), else the release build
if [ -z "$bin" ]; then
  swift build -c release --product ctbulk >&2
  bin="$(swift build -c release --show-bin-path)/ctbulk"
fi
for file in "$csv" "$xlsx"; do
  for report in "" "--report $file.report.${file##*.}"; do
    /usr/bin/time -v "$bin" validate "$file" $report >/dev/null 2>"$dir/time.txt" || true
    seconds=$(awk -F': ' '/Elapsed \(wall clock\)/ {split($2, t, ":"); s = 0; for (i = 1; i <= length(t); i++) s = s * 60 + t[i]; print s}' "$dir/time.txt")
    peak=$(awk -F': ' '/Maximum resident set size/ {printf "%.1f", $2 / 1024}' "$dir/time.txt")
    printf '%-5s %-8s %8d rows  %6.2f s  %8.0f rows/s  peak %6s MB\n' "${file##*.}" "${report:+report}" "$rows" "$seconds" \
      "$(echo "$rows / $seconds" | bc -l)" "$peak"
  done
done
# The floor, side by side: expat alone on the same sheet's XML (scripts/expat-floor.c, empty callbacks, one parser on
# one core, namespaces off as in ctbulk) and `ctbulk validate` of the workbook (the sheet cut at row ends and parsed
# on a thread per core), alternating rounds; the ratio is ctbulk's time over expat's.
if command -v gcc >/dev/null && [ -f /usr/include/expat.h ]; then
  python3 -c "import zipfile,sys; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read('xl/worksheets/sheet1.xml'))" \
    "$xlsx" > "$dir/sheet1.xml"
  gcc -O2 -o "$dir/expat-floor" scripts/expat-floor.c -lexpat
  for round in 1 2 3 4 5; do
    floor=$("$dir/expat-floor" "$dir/sheet1.xml" "$rows" | awk '/namespaces off/ {print $3}' | sort -n | head -1)
    start=$(date +%s.%N); "$bin" validate "$xlsx" >/dev/null || true; end=$(date +%s.%N)
    ours=$(echo "$end - $start" | bc -l)
    printf 'round %d  expat alone %6.3f s (%7.0f rows/s)  ctbulk .xlsx %6.3f s (%7.0f rows/s)  ctbulk/expat %.2f\n' "$round" \
      "$floor" "$(echo "$rows / $floor" | bc -l)" "$ours" "$(echo "$rows / $ours" | bc -l)" "$(echo "$ours / $floor" | bc -l)"
  done
fi
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
