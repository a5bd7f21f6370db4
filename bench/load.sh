#!/usr/bin/env bash
# Load benchmark: `make serve` (gunicorn, production settings) on PostGIS with Redis, under wrk.
#
#   bench/load.sh                      # the real content, then with 10 000 synthetic events
#   SECONDS_PER_PATH=10 bench/load.sh  # shorter
#
# Not a test: it prints a table per dataset and writes docs/performance.md. It sends traffic to
# 127.0.0.1 only, each wrk run bounded in time (SECONDS_PER_PATH, 30 by default), and stops the
# server it started. Needs wrk (Debian's package; installed here if missing), PostgreSQL with PostGIS
# and Redis on this machine (POSTGIS_ADMIN_URL, REDIS_URL to change them).
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_PER_PATH=${SECONDS_PER_PATH:-30}
CONNECTIONS=${CONNECTIONS:-50}
FLOOD_CONNECTIONS=${FLOOD_CONNECTIONS:-20}
PORT=${PORT:-8097}
WORKERS=${WEB_CONCURRENCY:-4}
DB_NAME=zhanaozen_bench
POSTGIS_ADMIN_URL=${POSTGIS_ADMIN_URL:-postgresql://postgres@127.0.0.1:5432/postgres}
REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379/7}
BASE="http://127.0.0.1:$PORT"
OUT=$(mktemp -d /tmp/zhanaozen-load.XXXXXX)
PY=.venv/bin/python

command -v wrk >/dev/null || scripts/system-packages wrk
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }

export DJANGO_SETTINGS_MODULE=zhanaozen.settings.production
export SECRET_KEY=bench-$(date +%s)-not-secret ALLOWED_HOSTS=127.0.0.1,localhost
export DATABASE_URL="postgis://postgres@127.0.0.1:5432/$DB_NAME" CACHE_URL="$REDIS_URL"
export SECURE_SSL_REDIRECT=false HOST=127.0.0.1 PORT WEB_CONCURRENCY=$WORKERS
export STATIC_ROOT="$OUT/static"

server_pid=""
stop_server() {
  if [ -n "$server_pid" ]; then
    kill -- -"$server_pid" 2>/dev/null || kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
}
trap 'stop_server; rm -rf "$OUT"' EXIT
trap 'exit 130' INT TERM  # so that the EXIT trap stops the server whatever ends the script

psql -q "$POSTGIS_ADMIN_URL" -c "DROP DATABASE IF EXISTS $DB_NAME" -c "CREATE DATABASE $DB_NAME" >/dev/null
$PY manage.py migrate --no-input -v0
$PY manage.py load_content >/dev/null
redis-cli -u "$REDIS_URL" flushdb >/dev/null

start_server() {
  if curl -fs -m 2 -o /dev/null "$BASE/healthz"; then
    echo "something already answers at $BASE: stop it, or set PORT" >&2
    exit 1
  fi
  redis-cli -u "$REDIS_URL" flushdb >/dev/null  # every dataset starts with a cold cache
  setsid make serve >"$OUT/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 120); do
    curl -fs "$BASE/healthz" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "the server did not start; its log:" >&2
  cat "$OUT/server.log" >&2
  exit 1
}

# One wrk run: name, connections, path, and RANDOM_PARAM (a parameter given a new random value on
# every request: bench/wrk-status.lua). Answers are counted by status. It takes gzip, as browsers do.
run() {
  local name=$1 connections=$2 path=$3 random=${4:-}
  RANDOM_PARAM=$random wrk -t2 -c"$connections" -d"${SECONDS_PER_PATH}s" --timeout 10s --latency \
    -H "Accept-Encoding: gzip" -s bench/wrk-status.lua "$BASE$path" >"$OUT/$DATASET.$name.txt"
  echo "  $name: $(grep -E 'Requests/sec' "$OUT/$DATASET.$name.txt")"
}

# After a run that swamped the workers, wait until the queue has drained (at most 5 minutes), so that
# the next run measures the server, not the backlog of the last one.
drain() {
  for _ in $(seq 1 150); do
    curl -fs -m 2 -o /dev/null "$BASE/healthz" && return 0
    sleep 2
  done
  echo "  (the server had not drained after 5 minutes)"
}

bench_dataset() {
  DATASET=$1
  echo "== $DATASET"
  start_server
  local slug
  slug=$(curl -fs "$BASE/api/events/?page_size=1&importance=1" | $PY -c "import json,sys; print(json.load(sys.stdin)['results'][0]['slug'])")
  for path in / /explorer/events.json "/events/$slug/" /api/events/ /api/places/; do  # warm the cache once
    curl -fs -o /dev/null "$BASE$path"
  done
  run healthz "$CONNECTIONS" /healthz
  run explorer "$CONNECTIONS" /
  run explorer-data "$CONNECTIONS" /explorer/events.json
  run event "$CONNECTIONS" "/events/$slug/"
  run api-events "$CONNECTIONS" /api/events/
  run api-places "$CONNECTIONS" /api/places/
  # The cache-busting attempts, with /healthz measured beside them by a few connections.
  run healthz-during-random-q 4 /healthz &
  local beside=$!
  run random-q "$CONNECTIONS" / q
  wait "$beside"  # (a bare wait would wait for the server too)
  drain
  run healthz-during-random-param 4 /healthz &
  beside=$!
  run random-param "$CONNECTIONS" / utm_source
  wait "$beside"
  drain
  # The sign-in under wrong passwords (with the lockout), and / beside it.
  $PY bench/login_flood.py --external "$BASE" --seconds "$SECONDS_PER_PATH" --connections "$FLOOD_CONNECTIONS" \
    >"$OUT/$DATASET.login-flood.txt" 2>"$OUT/$DATASET.login-flood.err" || echo "  (the sign-in flood failed: $(tail -1 "$OUT/$DATASET.login-flood.err"))"
  tail -3 "$OUT/$DATASET.login-flood.txt" | sed 's/^/  /'
  stop_server
}

bench_dataset "real content"
$PY manage.py make_synthetic_events 10000 >/dev/null
bench_dataset "10 000 synthetic events"

$PY bench/load_report.py "$OUT" --seconds "$SECONDS_PER_PATH" --connections "$CONNECTIONS" --workers "$WORKERS" \
  --output docs/performance.md
echo "written: docs/performance.md"
