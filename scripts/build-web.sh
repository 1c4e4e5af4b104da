#!/usr/bin/env bash
# Builds the web front end into web/dist, only what is needed: `npm ci` when node_modules is missing or older than
# package-lock.json, `npm run build` when a web source is newer than the last build. Used by ./run and ./test.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../web"

major="$(node --version 2>/dev/null | sed -E 's/^v([0-9]+).*/\1/')"
if [ -z "$major" ] || [ "$major" -lt 20 ]; then
  echo "build-web: Node.js 20 or newer is required for Vite (found: $(node --version 2>/dev/null || echo none))" >&2
  exit 1
fi

installed=node_modules/.gengbao-installed
if [ ! -f "$installed" ] || [ package-lock.json -nt "$installed" ]; then
  echo "build-web: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  touch "$installed"
fi

built=dist/index.html
if [ ! -f "$built" ] || [ -n "$(find ./*.html package.json package-lock.json tsconfig.json vite.config.ts src public \
      -newer "$built" -print -quit)" ]; then
  echo "build-web: npm run build"
  npm run build --silent >/dev/null
fi
