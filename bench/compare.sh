#!/usr/bin/env bash
# Survey-year comparison: ./gengbao compare against the same overlay in PostGIS (DLTB of both years imported with
# ogr2ogr and GiST-indexed beforehand, untimed): per village, from class, to class, geodesic area of the pieces.
#   bench/run compare [--size N]     (default: the demo county 622921 at 300,000 patches a year)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
size=300000
while [ $# -gt 0 ]; do
  case "$1" in
    --size) size="$2"; shift 2;;
    *) echo "usage: bench/run compare [--size N]" >&2; exit 2;;
  esac
done
out="$root/bench/out"; mkdir -p "$out"
export GENGBAO_HOME="$out/home" GENGBAO_DB_PORT="${BENCH_DB_PORT:-55440}"
dir="$out/county-$size"
[ -f "$dir/demo-2023.gpkg" ] || "$root/gengbao" demo --county 622921 --size "$size" --out "$dir" >/dev/null 2>&1
"$root/gengbao" db start >/dev/null
pw="$(cat "$out/home/.data/pg.password")"
pg() { PGPASSWORD="$pw" psql -X -q -h 127.0.0.1 -p "$GENGBAO_DB_PORT" -U gengbao "$@"; }
db=bench_compare
pg -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" 2>/dev/null
pg -d $db -c "CREATE EXTENSION postgis" -c "CREATE SCHEMA y2023" -c "CREATE SCHEMA y2024"
for year in 2023 2024; do
  PGPASSWORD="$pw" ogr2ogr -f PostgreSQL "PG:host=127.0.0.1 port=$GENGBAO_DB_PORT user=gengbao dbname=$db" "$dir/demo-$year.gpkg" DLTB \
    -nln "y$year.dltb" -nlt MULTIPOLYGON -lco GEOMETRY_NAME=geom -lco SPATIAL_INDEX=GIST
done
pg -d $db -c "ANALYZE"
"$root/gengbao" --build   # build outside the timing (ReadyToRun and native)

t0=$(date +%s.%N)
"$root/gengbao" compare --before "$dir/demo-2023.gpkg" --after "$dir/demo-2024.gpkg" --out "$out/matrix-ours.csv" >/dev/null
t1=$(date +%s.%N)
pg -d $db -o "$out/matrix-postgis.csv" -c "COPY (
  SELECT left(a.zldwdm, 12) AS zldwdm_village, a.dlbm AS from_dlbm, b.dlbm AS to_dlbm,
         round(sum(ST_Area(ST_Transform(ST_Intersection(a.geom, b.geom), 4490)::geography))::numeric, 2) AS area_m2
  FROM y2023.dltb a JOIN y2024.dltb b ON ST_Intersects(a.geom, b.geom)
  GROUP BY 1, 2, 3
  HAVING sum(ST_Area(ST_Transform(ST_Intersection(a.geom, b.geom), 4490)::geography)) > 0.005  -- as ours: no touching-only rows
  ORDER BY 1, 2, 3) TO STDOUT WITH (FORMAT csv, HEADER)"
t2=$(date +%s.%N)
python3 - "$out" "$t0" "$t1" "$t2" <<'PY'
import csv, sys
out, t0, t1, t2 = sys.argv[1], *map(float, sys.argv[2:])
def load(name):
    with open(f"{out}/{name}", newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))[1:]
    return {(r[0], r[1], r[2]): float(r[3]) for r in rows}
ours, ref = load("matrix-ours.csv"), load("matrix-postgis.csv")
keys = set(ours) | set(ref)
big = [k for k in keys if abs(ours.get(k, 0) - ref.get(k, 0)) > max(0.5, 1e-4 * ref.get(k, 0))]
print(f"rows: ours {len(ours)}, PostGIS {len(ref)}; cells differing by more than max(0.5 m², 0.01 %): {len(big)}")
print(f"compare: ours {t1 - t0:.2f} s, PostGIS {t2 - t1:.2f} s, ratio {(t2 - t1) / (t1 - t0):.2f}x")
PY
