#!/usr/bin/env bash
# Patrol dispatch at province scale: a grid of N cells (default 100,000: 1 county, 100 townships, 1,000 villages,
# the rest village groups) in a fresh database, then `./gengbao patrol dispatch` timed twice: the first run sends one
# task per cell (plus overdue marking and warnings); the second, at the same time, must send nothing (idempotent).
#   bench/run dispatch [--size N]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
size=100000
while [ $# -gt 0 ]; do
  case "$1" in
    --size) size="$2"; shift 2;;
    *) echo "usage: bench/run dispatch [--size N]" >&2; exit 2;;
  esac
done
out="$root/bench/out"; mkdir -p "$out"
export GENGBAO_HOME="$out/home" GENGBAO_DB_PORT="${BENCH_DB_PORT:-55440}"
"$root/gengbao" db start >/dev/null
pw="$(cat "$out/home/.data/pg.password")"
pg() { PGPASSWORD="$pw" psql -X -q -h 127.0.0.1 -p "$GENGBAO_DB_PORT" -U gengbao "$@"; }
db=bench_dispatch
pg -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" 2>/dev/null
export GENGBAO_DB="Host=127.0.0.1;Port=$GENGBAO_DB_PORT;Username=gengbao;Password=$pw;Database=$db"
"$root/gengbao" patrol dispatch --at 2026-01-01T00:00:00Z >/dev/null   # migrates the new database (no cells yet)
# A synthetic grid: every cell a small square, codes shaped like real ones under county 622921.
pg -d $db -v size="$size" <<'SQL'
INSERT INTO layer_version (layer, county_code, year, status, source_file, source_layer, source_sha256, feature_count, srid)
VALUES ('XZQ', '622921', 2024, 'current', 'bench', 'XZQ', '', :size, 4522);
WITH cells AS (
    SELECT 1 AS n, '622921000000' AS code, 3 AS level, '622900000000' AS parent
    UNION ALL SELECT t, '622921' || lpad((99 + t)::text, 3, '0') || '000', 4, '622921000000' FROM generate_series(1, 100) t
    UNION ALL SELECT v, '622921' || lpad((99 + (v - 1) / 10 + 1)::text, 3, '0') || lpad(((v - 1) % 10 + 201)::text, 3, '0'), 5,
                     '622921' || lpad((99 + (v - 1) / 10 + 1)::text, 3, '0') || '000' FROM generate_series(1, 1000) v
    UNION ALL SELECT g, v.code || lpad(((g - 1) / 1000 + 1)::text, 3, '0'), 6, v.code
    FROM generate_series(1, :size - 1101) g
    JOIN LATERAL (SELECT '622921' || lpad((99 + ((g - 1) % 1000) / 10 + 1)::text, 3, '0') || lpad((((g - 1) % 1000) % 10 + 201)::text, 3, '0') AS code) v ON true)
INSERT INTO admin_unit (county_code, year, code, name, level, parent_code, version_id, fid, area_m2, spatial_code, geom, geom_4490)
SELECT '622921', 2024, code, 'cell ' || code, level, parent, 1, row_number() OVER (), 1e6, code,
       ST_Multi(ST_MakeEnvelope(34600000, 3930000, 34601000, 3931000, 4522)), ST_Multi(ST_MakeEnvelope(103.1, 35.5, 103.11, 35.51, 4490))
FROM cells;
ANALYZE admin_unit;
SQL
cells=$(pg -d $db -At -c "SELECT count(*) FROM admin_unit WHERE level BETWEEN 2 AND 6")
"$root/gengbao" --help >/dev/null
t0=$(date +%s.%N)
"$root/gengbao" patrol dispatch --at 2026-03-02T08:00:00+08:00 | tee "$out/dispatch-1.txt" >&2
t1=$(date +%s.%N)
"$root/gengbao" patrol dispatch --at 2026-03-02T08:00:00+08:00 | tee "$out/dispatch-2.txt" >&2
t2=$(date +%s.%N)
tasks=$(pg -d $db -At -c "SELECT count(*) FROM patrol_task")
# The CLI's own start-up (about 0.3 s) is inside both figures.
python3 -c "import sys; c,t,a,b,d=sys.argv[1:]; print(f'dispatch: {c} cells, {t} tasks, first run {float(b)-float(a):.2f} s, rerun {float(d)-float(b):.2f} s (0 new)')" \
  "$cells" "$tasks" "$t0" "$t1" "$t2"
