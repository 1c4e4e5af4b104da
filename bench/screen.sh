#!/usr/bin/env bash
# Screening benchmark on one GeoPackage, same machine, side by side:
#   ours      ./gengbao screen (reading the GeoPackage included), 2 threads and 1 thread; its native build when clang
#             is installed, and the ReadyToRun CLI (GENGBAO_NATIVE=0) beside it
#   PostGIS   ../shared/data/anchor_postgis_screen.sql on the layers imported by ogr2ogr and indexed (import untimed)
#   GeoPandas bench/screen_geopandas.py (Debian python3-geopandas), the same definition
# Prints wall time (median of --runs), peak memory (RSS of the process; PostGIS's is the server's and not shown) and
# ratios, and checks that every class agrees with PostGIS.
#   bench/run screen [--size N | --prefecture | --input FILE.gpkg] [--runs N] [--no-geopandas] [--no-postgis]
#     --size N       a demo county (622921) of N land-use patches (e.g. 300000: ~5,000 change patches)
#     --prefecture   the demo prefecture at 2,400,000 patches a year (~40,000 change patches; generated once, long)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
size=""; geopandas=1; postgis=1; runs=3; input=""; prefecture=0
while [ $# -gt 0 ]; do
  case "$1" in
    --size) size="$2"; shift 2;;
    --prefecture) prefecture=1; shift;;
    --input) input="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"; shift 2;;
    --runs) runs="$2"; shift 2;;
    --no-geopandas) geopandas=0; shift;;
    --no-postgis) postgis=0; shift;;
    *) echo "usage: bench/run screen [--size N | --prefecture | --input FILE.gpkg] [--runs N] [--no-geopandas] [--no-postgis]" >&2; exit 2;;
  esac
done
out="$root/bench/out"; mkdir -p "$out"
export GENGBAO_HOME="$out/home" GENGBAO_DB_PORT="${BENCH_DB_PORT:-55440}"
if [ "$prefecture" = 1 ]; then
  input="$out/prefecture-2400000/demo-2024.gpkg"
  [ -f "$input" ] || "$root/gengbao" demo --size 2400000 --out "$out/prefecture-2400000" >/dev/null 2>&1
elif [ -n "$size" ]; then
  input="$out/county-$size/demo-2024.gpkg"
  [ -f "$input" ] || "$root/gengbao" demo --county 622921 --size "$size" --out "$out/county-$size" >/dev/null 2>&1
elif [ -z "$input" ]; then
  input="$root/../shared/data/sample_S.gpkg"
fi
need=()
command -v /usr/bin/time >/dev/null 2>&1 || need+=(time)
[ "$geopandas" = 0 ] || python3 -c "import geopandas" 2>/dev/null || need+=(python3-geopandas)
if [ ${#need[@]} -gt 0 ]; then apt-get install -y -qq "${need[@]}" >/dev/null; fi
if [ "$geopandas" = 1 ] && ! python3 -c "import geopandas" 2>/dev/null; then
  # pyenv's python3 may shadow Debian's, which has the Debian geopandas.
  py=/usr/bin/python3
else
  py=python3
fi

"$root/gengbao" --build   # build outside the timing
"$root/gengbao" db start >/dev/null
pw="$(cat "$out/home/.data/pg.password")"
pg() { PGPASSWORD="$pw" psql -X -q -h 127.0.0.1 -p "$GENGBAO_DB_PORT" -U gengbao "$@"; }
db=bench_screen
if [ "$postgis" = 1 ]; then
  pg -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" 2>/dev/null
  pg -d $db -c "CREATE EXTENSION postgis" -c "CREATE SCHEMA s"
  for layer in DLTB YJJBNT GBZNT PZYD BHTB; do
    lower=$(echo "$layer" | tr 'A-Z' 'a-z')
    PGPASSWORD="$pw" ogr2ogr -f PostgreSQL "PG:host=127.0.0.1 port=$GENGBAO_DB_PORT user=gengbao dbname=$db" "$input" "$layer" \
      -nln "s.$lower" -nlt MULTIPOLYGON -lco GEOMETRY_NAME=geom -lco SPATIAL_INDEX=GIST -lco FID=fid
  done
  pg -d $db -c "ANALYZE"
fi

measure() { # label, command...: median wall seconds and the largest peak RSS (MiB) of --runs runs of the command
  local label=$1; shift
  local walls=() peak=0 wall rss
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %M" -o "$out/time.$label" "$@" >/dev/null
    read -r wall rss < "$out/time.$label"
    walls+=("$wall"); [ "$rss" -gt "$peak" ] && peak=$rss
  done
  wall=$(printf '%s\n' "${walls[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
  echo "$label $wall $((peak / 1024)) ${walls[*]}"
}
results=()
results+=("$(measure ours "$root/gengbao" screen --input "$input" --out "$out/screen-ours.csv")")
results+=("$(measure ours_1thread "$root/gengbao" screen --input "$input" --out "$out/screen-ours-1.csv" --threads 1)")
if [ "$prefecture" = 1 ]; then # ours picks worker processes here (>= 10,000 patches); threads in one process beside it
  results+=("$(measure ours_threads "$root/gengbao" screen --input "$input" --out "$out/screen-ours-threads.csv" --workers threads)")
fi
# What two cores can give this work at all: two 1-thread runs side by side, each on its own core, against the 1-thread
# median above (shared caches and memory bandwidth slow both). Ideal 2-thread speed-up = 2 x alone / side by side.
pair() {
  local walls=() wall
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e" -o "$out/time.pair1" "$root/gengbao" screen --input "$input" --out "$out/screen-pair-1.csv" --threads 1 >/dev/null &
    /usr/bin/time -f "%e" -o "$out/time.pair2" "$root/gengbao" screen --input "$input" --out "$out/screen-pair-2.csv" --threads 1 >/dev/null
    wait
    walls+=("$(python3 -c "import sys; print(max(float(open(f).read().split()[-1]) for f in sys.argv[1:]))" "$out/time.pair1" "$out/time.pair2")")
  done
  wall=$(printf '%s\n' "${walls[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
  echo "pair_1thread $wall 0 ${walls[*]}"
}
results+=("$(pair)")
if command -v clang >/dev/null 2>&1; then
  results+=("$(GENGBAO_NATIVE=0 measure ours_r2r "$root/gengbao" screen --input "$input" --out "$out/screen-ours-r2r.csv")")
fi
if [ "$postgis" = 1 ]; then
  results+=("$(PGPASSWORD="$pw" measure postgis psql -X -q -h 127.0.0.1 -p "$GENGBAO_DB_PORT" -U gengbao -d $db -v sch=s \
    -f "$root/../shared/data/anchor_postgis_screen.sql" -o "$out/screen-postgis.csv")")
fi
if [ "$geopandas" = 1 ]; then
  results+=("$(runs=1; measure geopandas "$py" "$root/bench/screen_geopandas.py" "$input" "$out/screen-geopandas.csv")")
fi
cmp -s "$out/screen-ours.csv" "$out/screen-ours-1.csv" && echo "ours: 1 and 2 threads byte-identical" || echo "ours: 1 and 2 threads DIFFER"
if [ -f "$out/screen-ours-threads.csv" ]; then
  cmp -s "$out/screen-ours.csv" "$out/screen-ours-threads.csv" && echo "ours: worker processes and threads byte-identical" || echo "ours: worker processes and threads DIFFER"
fi
if [ -f "$out/screen-ours-r2r.csv" ]; then
  cmp -s "$out/screen-ours.csv" "$out/screen-ours-r2r.csv" && echo "ours: native and ReadyToRun byte-identical" || echo "ours: native and ReadyToRun DIFFER"
fi
python3 - "$out" "$input" "${results[@]}" <<'PY'
import csv, sys
out, path, rows = sys.argv[1], sys.argv[2], [r.split() for r in sys.argv[3:]]
def load(name):
    with open(f"{out}/{name}", newline="", encoding="utf-8") as f:
        return {r["jcbh"]: r for r in csv.DictReader(f)}
times = {r[0]: (float(r[1]), int(r[2]), r[3:]) for r in rows}
ref = load("screen-postgis.csv") if "postgis" in times else load("screen-ours.csv")
if "postgis" in times:
    for label, file in [("ours", "screen-ours.csv"), ("ours_1thread", "screen-ours-1.csv"), ("ours_threads", "screen-ours-threads.csv"), ("ours_r2r", "screen-ours-r2r.csv"), ("geopandas", "screen-geopandas.csv")]:
        if label not in times: continue
        got = load(file)
        differ = sum(1 for k, r in ref.items() if got.get(k, {}).get("class") != r["class"])
        print(f"{label}: {len(got)} patches, class differs from PostGIS on {differ}")
print(f"input: {path} ({len(ref)} change patches)")
for label, (wall, mib, each) in times.items():
    mem = "server-side" if label == "postgis" else "two processes, the slower one" if label == "pair_1thread" else f"{mib} MiB peak"
    print(f"  {label:13s} {wall:7.2f} s (median of {' '.join(each)})   {mem}")
ours = times["ours"][0]
one, pair = times['ours_1thread'][0], times['pair_1thread'][0]
line = (f"screen: ours {ours:.2f} s (1 thread {one:.2f} s, {one / ours:.2f}x from the second thread;"
        f" two 1-thread runs side by side {pair:.2f} s, so two cores can give {2 * one / pair:.2f}x at most)")
if "postgis" in times:
    pg = times["postgis"][0]
    line += f", PostGIS {pg:.2f} s, ratio {pg / ours:.2f}x"
if "ours_threads" in times:
    line += f"; threads in one process {times['ours_threads'][0]:.2f} s"
if "ours_r2r" in times:
    line += f"; ReadyToRun CLI {times['ours_r2r'][0]:.2f} s"
if "geopandas" in times:
    line += f", GeoPandas {times['geopandas'][0]:.2f} s ({times['geopandas'][0] / ours:.1f}x ours)"
print(line)
PY
