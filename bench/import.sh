#!/usr/bin/env bash
# Import benchmark: the same GeoPackage into PostGIS with `gengbao import` (validation, official areas, spatial
# codes, CGCS2000 copy, binary COPY, indexes) and with `ogr2ogr -f PostgreSQL` (GDAL's COPY path, GiST index).
# Both go into fresh databases of one private cluster on this machine.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
size=""
while [ $# -gt 0 ]; do
  case "$1" in
    --size) size="$2"; shift 2;;
    *) echo "usage: bench/run import [--size N]" >&2; exit 2;;
  esac
done
out="$root/bench/out"
mkdir -p "$out"
export GENGBAO_HOME="$out/home" GENGBAO_DB_PORT="${BENCH_DB_PORT:-55440}"
input="$root/../shared/data/sample_S.gpkg"
if [ -n "$size" ]; then
  input="$out/county-$size/demo-2024.gpkg"
  [ -f "$input" ] || "$root/gengbao" demo --county 622921 --size "$size" --out "$out/county-$size" >/dev/null
fi
"$root/gengbao" db start >/dev/null
pw="$(cat "$out/home/.data/pg.password")"
pg() { PGPASSWORD="$pw" psql -X -q -h 127.0.0.1 -p "$GENGBAO_DB_PORT" -U gengbao "$@"; }
for db in bench_ours bench_ogr; do
  pg -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
done
pg -d bench_ogr -c "CREATE EXTENSION postgis"
count=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select sum(feature_count) from gpkg_ogr_contents').fetchone()[0])" "$input")
"$root/gengbao" --help >/dev/null   # build outside the timing

ours="Host=127.0.0.1;Port=$GENGBAO_DB_PORT;Username=gengbao;Password=$pw;Database=bench_ours"
GENGBAO_DB="$ours" "$root/gengbao" db start >/dev/null   # schema and PostGIS first, as ogr2ogr's database has them
t0=$(date +%s.%N)
GENGBAO_DB="$ours" "$root/gengbao" import "$input" --year 2024 >/dev/null
t1=$(date +%s.%N)
PGPASSWORD="$pw" ogr2ogr -f PostgreSQL "PG:host=127.0.0.1 port=$GENGBAO_DB_PORT user=gengbao dbname=bench_ogr" "$input" \
  -lco GEOMETRY_NAME=geom -nlt MULTIPOLYGON --config PG_USE_COPY YES
t2=$(date +%s.%N)
python3 - "$count" "$t0" "$t1" "$t2" "$input" <<'PY'
import sys
n, t0, t1, t2, path = int(sys.argv[1]), *map(float, sys.argv[2:5]), sys.argv[5]
ours, ogr = t1 - t0, t2 - t1
print(f"input: {path} ({n} features)")
print(f"gengbao import: {ours:.2f} s (includes process start, validation, official areas, spatial codes, CGCS2000 copy)")
print(f"ogr2ogr:        {ogr:.2f} s")
print(f"import: ours {n/ours:.0f} features/s, ogr2ogr {n/ogr:.0f} features/s, ratio {ogr/ours:.2f}x")
PY
