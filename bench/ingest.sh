#!/usr/bin/env bash
# Track ingest through the HTTP API on loopback: the server (./gengbao serve) over a fresh database with a synthetic
# grid and dispatched tasks, and bench/ingest (HttpClient load generator) posting batches of fixes. Target (issue 5):
# at least 50,000 points/s sustained, p99 batch latency under 200 ms, on this 2-core machine (server, database and
# load generator share it).
#   bench/run ingest [--clients N] [--seconds S] [--batch P]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
load_args=("$@")
out="$root/bench/out"; mkdir -p "$out"
export GENGBAO_HOME="$out/home" GENGBAO_DB_PORT="${BENCH_DB_PORT:-55440}"
"$root/gengbao" db start >/dev/null
pw="$(cat "$out/home/.data/pg.password")"
pg() { PGPASSWORD="$pw" psql -X -q -h 127.0.0.1 -p "$GENGBAO_DB_PORT" -U gengbao "$@"; }
db=bench_ingest
pg -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" 2>/dev/null
export GENGBAO_DB="Host=127.0.0.1;Port=$GENGBAO_DB_PORT;Username=gengbao;Password=$pw;Database=$db"
"$root/gengbao" patrol dispatch --at 2026-01-01T00:00:00Z >/dev/null   # migrates
pg -d $db <<'SQL'
INSERT INTO layer_version (layer, county_code, year, status, source_file, source_layer, source_sha256, feature_count, srid)
VALUES ('XZQ', '622921', 2024, 'current', 'bench', 'XZQ', '', 1000, 4522);
INSERT INTO admin_unit (county_code, year, code, name, level, parent_code, version_id, fid, area_m2, spatial_code, geom, geom_4490)
SELECT '622921', 2024, '622921100201' || lpad(g::text, 3, '0'), 'group ' || g, 6, '622921100201', 1, g, 1e6, 'x',
       ST_Multi(ST_MakeEnvelope(34600000, 3930000, 34601000, 3931000, 4522)), ST_Multi(ST_MakeEnvelope(103.1, 35.5, 103.11, 35.51, 4490))
FROM generate_series(1, 999) g;
SQL
"$root/gengbao" patrol dispatch >/dev/null
pg -d $db -At -c "SELECT id FROM patrol_task ORDER BY id" > "$out/ingest-tasks.txt"
dotnet build "$root/bench/ingest/IngestLoad.csproj" -c Release -nologo -v:quiet -clp:ErrorsOnly -o "$out/ingest-bin" >/dev/null
port=$((GENGBAO_DB_PORT + 1000))
"$root/gengbao" serve --port "$port" > "$out/ingest-server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break; sleep 0.3; done
# The load signs in as a county field manager: every batch goes through his session and region scope, as in the field.
printf 'Load-Generator-Pw-2026\n' | "$root/gengbao" user add --username bench-ingest --role field_manager --region 622921 --password-stdin >/dev/null
token="$(curl -fs -H 'Content-Type: application/json' -d '{"username":"bench-ingest","password":"Load-Generator-Pw-2026"}' \
  "http://127.0.0.1:$port/api/auth/login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')"
BENCH_TOKEN="$token" dotnet "$out/ingest-bin/IngestLoad.dll" "http://127.0.0.1:$port" "$out/ingest-tasks.txt" "${load_args[@]}"
