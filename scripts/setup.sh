#!/usr/bin/env bash
# Installs what the platform needs from Debian packages, only what is missing, without questions.
# Used by ./run and ./test; safe to run again.
set -euo pipefail

need=()
[ -x /usr/lib/postgresql/15/bin/pg_ctl ] || need+=(postgresql-15)
[ -f /usr/share/postgresql/15/extension/postgis.control ] || need+=(postgresql-15-postgis-3)
command -v ogr2ogr >/dev/null 2>&1 || need+=(gdal-bin)
command -v Planimeter >/dev/null 2>&1 || need+=(geographiclib-tools)
command -v cs2cs >/dev/null 2>&1 || need+=(proj-bin)
command -v runuser >/dev/null 2>&1 || need+=(util-linux)
command -v python3 >/dev/null 2>&1 || need+=(python3)
# The web front end (scripts/build-web.sh) and its browser tests; CJK fonts so pages and screenshots show Chinese.
command -v node >/dev/null 2>&1 || need+=(nodejs)
command -v npm >/dev/null 2>&1 || need+=(npm)
[ -x /usr/bin/chromium ] || need+=(chromium)
fc-list :lang=zh 2>/dev/null | grep -q . || need+=(fonts-noto-cjk)
# The native build of `screen` and `compare` (./gengbao): .NET's ahead-of-time compiler links with clang.
command -v clang >/dev/null 2>&1 || need+=(clang)
[ -f /usr/include/zlib.h ] || need+=(zlib1g-dev)

if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing ${need[*]}"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "setup: need root (or sudo) to install: ${need[*]}" >&2; exit 1; }
    sudo="sudo"
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  # The Debian postgresql package starts a system cluster on 5432; we never use it (our cluster is private).
  $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

if ! command -v dotnet >/dev/null 2>&1; then
  echo "setup: the .NET 10 SDK is required (dotnet not found on PATH)" >&2
  exit 1
fi
