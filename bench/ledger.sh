#!/usr/bin/env bash
# Farmland ledger: the demo prefecture (both survey years) imported and every county's 2023→2024 comparison stored
# (untimed, done once per size and kept in bench/out), then the timed part: ./gengbao report for the prefecture
# (ledger of the prefecture and its counties, balances, assessment, workbook and HTML), wall time including start-up.
#   bench/run ledger [--size N]     (default 2,400,000 patches a year: the 2.4-million-patch prefecture; the import
#                                    and comparisons of that size take hours on 2 cores; try --size 40000 first)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
size=2400000
while [ $# -gt 0 ]; do
  case "$1" in
    --size) size="$2"; shift 2;;
    *) echo "usage: bench/run ledger [--size N]" >&2; exit 2;;
  esac
done
out="$root/bench/out"; mkdir -p "$out"
export GENGBAO_HOME="$out/home-ledger-$size" GENGBAO_DB_PORT="${BENCH_DB_PORT:-55441}"
mkdir -p "$GENGBAO_HOME"
"$root/gengbao" --help >/dev/null   # build outside the timing
if [ ! -f "$GENGBAO_HOME/loaded" ]; then
  "$root/gengbao" demo --size "$size" >/dev/null 2>&1
  for county in $("$root/gengbao" ledger --level county --year 2024 --out "$out/ledger-counties.csv" >/dev/null && tail -n +2 "$out/ledger-counties.csv" | cut -c1-6); do
    "$root/gengbao" compare --county "$county" --before-year 2023 --after-year 2024 >/dev/null
  done
  touch "$GENGBAO_HOME/loaded"
fi
"$root/gengbao" db start >/dev/null
patches="$("$root/gengbao" ledger --level county --year 2024 --out "$out/ledger-counties.csv" >/dev/null && tail -n +2 "$out/ledger-counties.csv" | wc -l)"
t0=$(date +%s.%N)
"$root/gengbao" report --unit 6229 --year 2024 --out "$out/ledger-report-$size" >"$out/ledger-report-$size.log"
t1=$(date +%s.%N)
t2=$(date +%s.%N)
"$root/gengbao" report --unit 622921 --year 2024 --out "$out/ledger-report-$size-county" >/dev/null
t3=$(date +%s.%N)
python3 - "$size" "$patches" "$t0" "$t1" "$t2" "$t3" <<'PY'
import sys
size, counties = sys.argv[1], sys.argv[2]
t0, t1, t2, t3 = map(float, sys.argv[3:])
print(f"ledger report, demo prefecture of {int(size):,} patches a year ({counties} counties): prefecture {t1 - t0:.2f} s, county 622921 with its townships {t3 - t2:.2f} s (wall, CLI start-up included)")
PY
