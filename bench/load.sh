#!/usr/bin/env bash
# Bounded load test on loopback (issue 10): Debian's wrk against ./gengbao serve over the sample county, signed in as
# the county's field manager (region scope on). Three endpoints, each for --seconds S (default 15) with --connections C
# (default 16) on 2 wrk threads: vector tiles of the one map (warm server cache: every tile of zoom 12-14 over the
# county, round robin), the task list, and track batch uploads (50 fixes, fresh batch id each). Prints requests/s and
# p99 latency per endpoint; the last line has all three.
#   bench/run load [--seconds S] [--connections C]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds=15; connections=16
while [ $# -gt 0 ]; do case "$1" in --seconds) seconds="$2"; shift 2;; --connections) connections="$2"; shift 2;; *) echo "unknown option $1" >&2; exit 2;; esac; done
if ! command -v wrk >/dev/null 2>&1; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends wrk >/dev/null
fi
out="$root/bench/out"; mkdir -p "$out"
export GENGBAO_HOME="$out/home" GENGBAO_DB_PORT="${BENCH_DB_PORT:-55440}"
"$root/gengbao" db start >/dev/null
pw="$(cat "$out/home/.data/pg.password")"
pg() { PGPASSWORD="$pw" psql -X -q -h 127.0.0.1 -p "$GENGBAO_DB_PORT" -U gengbao "$@"; }
db=bench_load
pg -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" 2>/dev/null
export GENGBAO_DB="Host=127.0.0.1;Port=$GENGBAO_DB_PORT;Username=gengbao;Password=$pw;Database=$db"
"$root/gengbao" import "$root/../shared/data/sample_S.gpkg" --year 2024 >/dev/null
"$root/gengbao" patrol dispatch >/dev/null
printf 'Load-Generator-Pw-2026\n' | "$root/gengbao" user add --username load-fm --role field_manager --region 622921 --password-stdin >/dev/null
port=$((GENGBAO_DB_PORT + 1001))
Gengbao__Patrol__Scheduler=false "$root/gengbao" serve --port "$port" > "$out/load-server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 200); do curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break; sleep 0.3; done
base="http://127.0.0.1:$port"
export TOKEN="$(curl -fs -H 'Content-Type: application/json' -d '{"username":"load-fm","password":"Load-Generator-Pw-2026"}' "$base/api/auth/login" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')"

# Every DLTB tile of zoom 12-14 over the county's extent.
extent="$(pg -d $db -At -F, -c "SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM (SELECT ST_Extent(geom_4490) e FROM admin_unit) s")"
python3 - "$extent" > "$out/load-tiles.txt" <<'PY'
import math, sys
x0, y0, x1, y1 = map(float, sys.argv[1].split(","))
def tile(lon, lat, z):
    n = 2 ** z
    return int((lon + 180) / 360 * n), int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)
for z in (12, 13, 14):
    (ax, ay), (bx, by) = tile(x0, y1, z), tile(x1, y0, z)
    for x in range(ax, bx + 1):
        for y in range(ay, by + 1):
            print(f"/tiles/dltb/{z}/{x}/{y}.mvt")
PY
printf '/api/patrol/tasks?region=622921&limit=100\n/api/patrol/tasks?region=622921&state=pending&limit=100\n' > "$out/load-tasks.txt"
export TASKS="$(pg -d $db -At -c "SELECT string_agg(id::text, ',') FROM (SELECT id FROM patrol_task WHERE cell_level = 6 ORDER BY id LIMIT 200) t")"

summary=()
run() {
  local name="$1"; shift
  local log="$out/load-$name.log"
  wrk -t2 -c"$connections" -d"${seconds}s" --latency "$@" > "$log" 2>&1
  local rps p99 errors
  rps="$(awk '/Requests\/sec/ {printf "%.0f", $2}' "$log")"
  p99="$(awk '$1 == "99%" {print $2}' "$log")"
  errors="$(awk '/Non-2xx or 3xx responses/ {print $5}' "$log")"
  echo "$name: $rps requests/s, p99 $p99${errors:+, $errors non-2xx}  (log $log)"
  summary+=("$name $rps req/s p99 $p99")
}
PATHS="$out/load-tiles.txt" run tiles -s "$root/bench/load/get.lua" "$base"
PATHS="$out/load-tasks.txt" run tasks -s "$root/bench/load/get.lua" "$base"
run upload -s "$root/bench/load/upload.lua" "$base"
echo "load ($connections connections, ${seconds}s each): $(IFS=';'; echo "${summary[*]}" | sed 's/;/; /g')"
