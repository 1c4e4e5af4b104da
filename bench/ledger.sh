#!/usr/bin/env bash
# Farmland ledger: the demo prefecture (both survey years) imported and every county's 2023→2024 comparison stored
# (untimed, done once per size and kept in bench/out), then the timed part: ./gengbao report for the prefecture
# (ledger of the prefecture and its counties, balances, assessment, workbook and HTML), wall time including start-up.
#   bench/run ledger [--size N]     (default 2,400,000 patches a year: the 2.4-million-patch prefecture; the import
#                                    and comparisons of that size take hours on 2 cores; try --size 40000 first)
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
if [ ! -f "$GENGBAO_HOME/loaded" ]; then
  "$root/gengbao" demo --size "$size" >"$out/demo-$size.log" 2>&1
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
