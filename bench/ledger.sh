#!/usr/bin/env bash
# Farmland ledger: the demo prefecture (both survey years) imported and every county's 2023→2024 comparison stored
# (untimed, done once per size and kept in bench/out), then the timed part: ./gengbao report for the prefecture
# (ledger of the prefecture and its counties, balances, assessment, workbook and HTML), wall and CPU time including
# start-up, three runs each, with the load average.
#   bench/run ledger [--size N]     (default 2,400,000 patches a year: the 2.4-million-patch prefecture; generating,
#                                    importing and comparing that size takes hours on 2 cores; try --size 40000 first)
#                                    The load is resumable and unattended: each step (GeoPackages written to
#                                    bench/out/demo-N, each year imported, each county compared) leaves a marker and
#                                    is skipped when rerun; bench/out/ledger-load-N.log has each step's wall time.
#                                    Features the generator makes invalid are skipped and listed (import --skip-invalid,
#                                    bench/out/import-N-YEAR.txt): the 2.4 M generator makes one (docs/benchmarks.md).
#   bench/run ledger --libreoffice  the report of the shared sample opened by Debian LibreOffice headless
#                                    (libreoffice-calc-nogui): every sheet converted to CSV and the workbook to PDF
#                                    without error, the county's figures in the CSV equal to `gengbao ledger`
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
size=2400000
office=0
while [ $# -gt 0 ]; do
  case "$1" in
    --size) size="$2"; shift 2;;
    --libreoffice) office=1; shift;;
    *) echo "usage: bench/run ledger [--size N] | --libreoffice" >&2; exit 2;;
  esac
done
out="$root/bench/out"; mkdir -p "$out"
if [ "$office" = 1 ]; then
  command -v soffice >/dev/null || { echo "bench/run ledger --libreoffice: soffice not found (apt-get install --no-install-recommends libreoffice-calc-nogui)" >&2; exit 1; }
  export GENGBAO_HOME="$out/home-ledger-office" GENGBAO_DB_PORT="${BENCH_DB_PORT:-55442}"
  mkdir -p "$GENGBAO_HOME"
  dir="$out/ledger-office"; rm -rf "$dir"; mkdir -p "$dir"
  "$root/gengbao" --help >/dev/null
  if [ ! -f "$GENGBAO_HOME/loaded" ]; then
    "$root/gengbao" import "$root/../shared/data/sample_S.gpkg" --year 2024 >/dev/null
    touch "$GENGBAO_HOME/loaded"
  fi
  "$root/gengbao" db start >/dev/null
  "$root/gengbao" report --unit 622921 --year 2024 --out "$dir" >/dev/null
  "$root/gengbao" ledger --level county --year 2024 --out "$dir/county.csv" >/dev/null
  # A private LibreOffice profile; token 12 = -1 writes every sheet to its own CSV (LibreOffice ≥ 7.2).
  profile="file://$dir/lo-profile"
  t0=$(date +%s.%N)
  soffice --headless -env:UserInstallation="$profile" --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1' \
    --outdir "$dir/csv" "$dir/report.xlsx" >"$dir/soffice-csv.log" 2>&1
  soffice --headless -env:UserInstallation="$profile" --convert-to pdf --outdir "$dir/pdf" "$dir/report.xlsx" >"$dir/soffice-pdf.log" 2>&1
  t1=$(date +%s.%N)
  exec python3 - "$dir" "$t0" "$t1" "$(soffice --version | head -1)" <<'PY'
import csv, glob, os, sys
d, t0, t1, version = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
logs = open(f"{d}/soffice-csv.log", encoding="utf-8", errors="replace").read() + open(f"{d}/soffice-pdf.log", encoding="utf-8", errors="replace").read()
# Without Java (not needed for Calc) LibreOffice warns that javaldx failed; any other warning or error fails the check.
lines = [l for l in logs.splitlines() if "javaldx" not in l]
problems = [l for l in lines if any(w in l.lower() for w in ("error", "repair", "corrupt", "warning", "fail"))]
sheets = sorted(glob.glob(f"{d}/csv/report-*.csv"))
pdf = f"{d}/pdf/report.pdf"
assert not problems, f"LibreOffice said {problems}: {logs}"
assert len(sheets) == 9, f"expected 9 sheets as CSV, got {sheets}"
assert os.path.getsize(pdf) > 10_000, "PDF too small"
county = next(csv.DictReader(open(f"{d}/county.csv", encoding="utf-8")))
rows = list(csv.reader(open(f"{d}/csv/report-总账.csv", encoding="utf-8")))
header = next(r for r in rows if r and r[0] == "单位代码")
row = next(r for r in rows if r and r[0].startswith(county["xzqdm"][:6]))
m2 = float(row[header.index("耕地(m²)")].replace(",", ""))
mu = float(row[header.index("耕地(亩)")].replace(",", ""))
pbf_mu = float(row[header.index("永久基本农田(亩)")].replace(",", ""))
assert abs(m2 - float(county["gd_mj"])) < 0.005, (m2, county["gd_mj"])
assert abs(mu - round(float(county["gd_mj"]) * 3 / 2000, 2)) < 0.005, (mu, county["gd_mj"])
assert abs(pbf_mu - round(float(county["yjjbnt_mj"]) * 3 / 2000, 2)) < 0.005, (pbf_mu, county["yjjbnt_mj"])
print(f"LibreOffice ({version}) opened the sample's report: {len(sheets)} sheets to CSV and the workbook to PDF ({os.path.getsize(pdf):,} bytes) without a message in {t1 - t0:.1f} s; 耕地 {m2:,.2f} m² = {mu:,.2f} 亩 and 永久基本农田 {pbf_mu:,.2f} 亩 of county {county['xzqdm'][:6]} equal `gengbao ledger`")
PY
fi
export GENGBAO_HOME="$out/home-ledger-$size" GENGBAO_DB_PORT="${BENCH_DB_PORT:-55441}"
mkdir -p "$GENGBAO_HOME"
"$root/gengbao" --help >/dev/null   # build outside the timing
steps="$out/ledger-load-$size.log"
step() {  # step NAME COMMAND…: run once (marker in GENGBAO_HOME), wall time appended to the load log
  local name="$1"; shift
  [ -f "$GENGBAO_HOME/done-$name" ] && return 0
  local t0; t0=$(date +%s.%N)
  "$@"
  python3 -c "import sys; print(f'{sys.argv[1]}: {float(sys.argv[3]) - float(sys.argv[2]):.1f} s wall, load average {open(\"/proc/loadavg\").read().split()[0]}')" \
    "$name" "$t0" "$(date +%s.%N)" | tee -a "$steps"
  touch "$GENGBAO_HOME/done-$name"
}
demo="$out/demo-$size"
step generate "$root/gengbao" demo --size "$size" --out "$demo"
for year in 2023 2024; do   # the demo's two survey years
  step "import-$year" "$root/gengbao" import "$demo/demo-$year.gpkg" --year "$year" --skip-invalid --report "$out/import-$size-$year.txt"
done
"$root/gengbao" ledger --level county --year 2024 --out "$out/ledger-counties.csv" >/dev/null
for county in $(tail -n +2 "$out/ledger-counties.csv" | cut -c1-6); do
  step "compare-$county" "$root/gengbao" compare --county "$county" --before-year 2023 --after-year 2024
done
"$root/gengbao" db start >/dev/null
counties="$(tail -n +2 "$out/ledger-counties.csv" | wc -l)"
patches="$(tail -n +2 "$out/ledger-counties.csv" | awk -F, '{ n += $4 } END { print n }')"
# CPU seconds of the bench cluster so far: the postmaster's own and reaped children's (ended backends) plus its live
# children's (utime, stime, cutime, cstime of /proc/PID/stat, in clock ticks).
cluster_cpu() {
  python3 - "$(head -1 "$GENGBAO_HOME/.data/pg/postmaster.pid")" <<'PY'
import os, sys
pm, hz, total = sys.argv[1], os.sysconf("SC_CLK_TCK"), 0
def fields(pid):
    s = open(f"/proc/{pid}/stat").read()
    return s[s.rindex(")") + 2:].split()
f = fields(pm)
total += sum(int(x) for x in f[11:15])
for pid in filter(str.isdigit, os.listdir("/proc")):
    try:
        g = fields(pid)
        if g[1] == pm:
            total += int(g[11]) + int(g[12])
    except (OSError, IndexError):
        pass
print(f"{total / hz:.2f}")
PY
}
timed() {  # timed OUT COMMAND…: "wall cpu" seconds: wall, and the CLI's user+sys plus the database cluster's CPU
  local out="$1"; shift
  local before; before="$(cluster_cpu)"
  /usr/bin/time -f "%e %U %S" -o "$out.time" "$@" >/dev/null
  awk -v db="$(cluster_cpu)" -v b="$before" '{ printf "%s %.2f", $1, $2 + $3 + db - b }' "$out.time"
}
runs=""
for i in 1 2 3; do
  p="$(timed "$out/ledger-report-$size" "$root/gengbao" report --unit 6229 --year 2024 --out "$out/ledger-report-$size")"
  c="$(timed "$out/ledger-report-$size-county" "$root/gengbao" report --unit 622921 --year 2024 --out "$out/ledger-report-$size-county")"
  runs="$runs $p $c"
done
python3 - "$size" "$counties" "$patches" "$(cut -d' ' -f1-3 /proc/loadavg)" $runs <<'PY'
import sys
size, counties, patches, load = sys.argv[1:5]
v = list(map(float, sys.argv[5:]))
runs = [v[i:i + 4] for i in range(0, len(v), 4)]
pw, pc = min(r[0] for r in runs), min(r[1] for r in runs)
cw, cc = min(r[2] for r in runs), min(r[3] for r in runs)
print(f"ledger report, demo prefecture of {int(size):,} patches a year ({counties} counties, {int(patches):,} cultivated patches in 2024): "
      f"prefecture {pw:.2f} s wall / {pc:.2f} s CPU, county 622921 with its townships {cw:.2f} s wall / {cc:.2f} s CPU "
      f"(best of 3; CLI start-up included; CPU = CLI user+sys + the database cluster's; load average {load})")
PY
