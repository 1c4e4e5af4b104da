#!/usr/bin/env bash
# SQL injection check (issue 10): Debian's sqlmap against every endpoint of a running Gengbao that takes input.
# The targets come from the server's own OpenAPI document, so a new endpoint is checked without editing this script:
# every path and query parameter of every GET gets a sample value and an injection marker; a few JSON bodies and, last
# (its failures lock the account), the login are checked as POSTs. Signed in as a system admin (the widest view). Exit 0 and "sqlmap: … 0 injectable" on
# the last line when nothing is found; exit 1 naming the injectable endpoint otherwise.
#   security/sqlmap.sh [--level N]        (default level 2, risk 1, techniques B,E,U,S; results in security/out/)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
level=2; [ "${1:-}" = "--level" ] && level="$2"
if ! command -v sqlmap >/dev/null 2>&1; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends sqlmap >/dev/null
fi
out="$root/security/out"; rm -rf "$out/sqlmap"; mkdir -p "$out/sqlmap"
export GENGBAO_HOME="$out/home" GENGBAO_DB_PORT="${SECURITY_DB_PORT:-55445}"
"$root/gengbao" db start >/dev/null
pw="$(cat "$out/home/.data/pg.password")"
db=security_sqlmap
PGPASSWORD="$pw" psql -X -q -h 127.0.0.1 -p "$GENGBAO_DB_PORT" -U gengbao -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" 2>/dev/null
export GENGBAO_DB="Host=127.0.0.1;Port=$GENGBAO_DB_PORT;Username=gengbao;Password=$pw;Database=$db"
"$root/gengbao" import "$root/../shared/data/sample_S.gpkg" --year 2024 >/dev/null
printf 'Injection-Check-2026!\n' | "$root/gengbao" user add --username sqlmap-admin --role system_admin --region '' --password-stdin >/dev/null
port=$((GENGBAO_DB_PORT + 1000))
# Rate limits off for the scan: they would answer 429 instead of letting sqlmap try its payloads.
Gengbao__Security__LoginPermitsPerMinute=1000000 Gengbao__Security__PublicPermitsPerMinute=1000000 \
  "$root/gengbao" serve --port "$port" > "$out/sqlmap-server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 200); do curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break; sleep 0.3; done
base="http://127.0.0.1:$port"
token="$(curl -fs -H 'Content-Type: application/json' -d '{"username":"sqlmap-admin","password":"Injection-Check-2026!"}' "$base/api/auth/login" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')"
curl -fs -H "Authorization: Bearer $token" "$base/openapi/v1.json" > "$out/sqlmap/openapi.json"

# One target per line: METHOD<TAB>URL<TAB>BODY, injection points marked with *.
python3 - "$out/sqlmap/openapi.json" "$base" > "$out/sqlmap/targets.tsv" <<'PY'
import json, sys, re
doc = json.load(open(sys.argv[1])); base = sys.argv[2]
samples = {"integer": "1", "number": "1.5", "boolean": "true"}
def sample(name, schema):
    t = (schema or {}).get("type", "string")
    if isinstance(t, list): t = next((x for x in t if x != "null"), "string")
    n = name.lower()
    if "year" in n: return "2024"
    if t in samples: return samples[t]
    if n in ("region", "county", "unit", "code", "cellcode") or n.endswith("code"): return "622921"
    if n in ("level",): return "village"
    if n in ("layer",): return "DLTB"
    if "date" in n or n in ("from", "to", "at", "since"): return "2026-01-01"
    return "test"
for path, ops in sorted(doc.get("paths", {}).items()):
    get = ops.get("get")
    if not get or not get.get("parameters"): continue
    params = get["parameters"]
    url = path
    query = []
    for p in params:
        value = sample(p["name"], p.get("schema"))
        if p["in"] == "path":
            url = url.replace("{" + p["name"] + "}", value + "*")
        elif p["in"] == "query":
            query.append(f"{p['name']}={value}*")
    print("GET\t" + base + url + ("?" + "&".join(query) if query else "") + "\t")
print("POST\t" + base + "/api/patrol/plans\t" + '{"name":"p*","level":5,"regionPrefix":"622921*","cycle":"monthly*","months":null}')
print("POST\t" + base + "/api/screening/runs\t" + '{"region":"622921*","year":2024}')
print("POST\t" + base + "/api/auth/login\t" + '{"username":"sqlmap-admin*","password":"x*"}')
PY

targets=$(wc -l < "$out/sqlmap/targets.tsv")
found=0; n=0
while IFS=$'\t' read -r method url body; do
  n=$((n + 1))
  args=(--batch --disable-coloring --flush-session --level "$level" --risk 1 --technique BEUS --time-sec 1 --threads 4
        --output-dir "$out/sqlmap/runs" -H "Authorization: Bearer $token" -u "$url")
  [ "$method" = POST ] && args+=(--method POST --data "$body" -H "Content-Type: application/json")
  log="$out/sqlmap/target-$n.log"
  printf '[%d/%d] %s %s\n' "$n" "$targets" "$method" "$url"
  sqlmap "${args[@]}" > "$log" 2>&1 || true
  if grep -qE "is vulnerable|identified the following injection point" "$log"; then
    echo "  INJECTABLE: see $log"; found=$((found + 1))
  fi
done < "$out/sqlmap/targets.tsv"
parameters=$(grep -o '\*' "$out/sqlmap/targets.tsv" | wc -l)
echo "sqlmap: $targets endpoints, $parameters parameters, $found injectable"
[ "$found" -eq 0 ]
