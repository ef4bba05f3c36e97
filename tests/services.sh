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
