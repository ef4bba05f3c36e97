#!/usr/bin/env bash
# Start PostgreSQL and RabbitMQ if they are installed here but not running, then wait
# until both accept connections. The integration tests need both; they never skip.
set -euo pipefail

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_for() {  # name port seconds
  for _ in $(seq 1 "$3"); do port_open "$2" && return 0; sleep 1; done
  echo "error: $1 is not listening on 127.0.0.1:$2 after $3s; start it and run again." >&2
  return 1
}

if ! port_open 5432; then
  if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
    echo "starting PostgreSQL..."
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
  else
    echo "error: PostgreSQL is not running and not installed here; install it (trust auth, user postgres)." >&2
    exit 1
  fi
fi
wait_for PostgreSQL 5432 60

if ! port_open 5672; then
  if command -v rabbitmq-server >/dev/null; then
    echo "starting RabbitMQ..."
    rabbitmq-server -detached || true
  else
    echo "error: RabbitMQ is not running and not installed here; install it (guest/guest on 5672)." >&2
    exit 1
  fi
fi
wait_for RabbitMQ 5672 120

# Operations tests (tests/operations): pg_dump/pg_restore/psql for tenant backups, initdb and
# pg_ctl for the throwaway second clusters, and an nginx binary (unpacked into .venv/tools,
# never installed as a service) to syntax-check deploy/nginx.
if ! command -v pg_dump >/dev/null || ! command -v psql >/dev/null; then
  echo "installing postgresql-client..."
  apt-get update -qq && apt-get install -y -qq postgresql-client >/dev/null
fi
if ! command -v initdb >/dev/null && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "error: initdb is missing; install the PostgreSQL server package (postgresql)." >&2
  exit 1
fi
tools="$(cd "$(dirname "$0")/.." && pwd)/.venv/tools"
if ! command -v nginx >/dev/null && [ ! -x "$tools/nginx/usr/sbin/nginx" ]; then
  echo "unpacking nginx for the deploy checks..."
  mkdir -p "$tools/nginx" && (cd "$tools" && apt-get download -qq nginx nginx-common >/dev/null 2>&1 \
    || { apt-get update -qq && apt-get download -qq nginx nginx-common >/dev/null; }) \
    && for deb in "$tools"/nginx*.deb; do dpkg -x "$deb" "$tools/nginx"; done && rm -f "$tools"/nginx*.deb
fi
