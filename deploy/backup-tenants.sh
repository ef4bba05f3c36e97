#!/bin/sh
# Nightly backups: every tenant's store (`ledger tenants backup`, sealed first: checked against
# the audit anchor $LEDGER_AUDIT_ANCHOR and a line added to it, if set) and the
# platform's own store areas (registry, users and tokens, seals), and the audit anchor
# ($LEDGER_AUDIT_ANCHOR, if set), into FOLDER/<UTC stamp>/.
# Keeps KEEP_DAYS (default 14) nights. Copy FOLDER off this host (encrypted) afterwards.
set -eu
dest=${1:?usage: backup-tenants.sh FOLDER}
ledger=${LEDGER_BIN:-/opt/partnership-ledger/venv/bin/ledger}
python=${LEDGER_PYTHON:-$(dirname "$ledger")/python}
stamp=$(date -u +%Y%m%dT%H%M%SZ)
umask 077
# the tenants first, into a file: a `for` over `$(ledger tenants list)` ignores the command's
# failure (a database down, a setting mistyped), and the night "backed up" no tenant at all
listed=$(mktemp)
trap 'rm -f "$listed"' EXIT
>"$listed" "$ledger" tenants list || {
  echo "no tenant was backed up: ledger tenants list failed (see above)" >&2
  exit 1
}
mkdir -p "$dest/$stamp"
failed=0  # a tenant that fails (e.g. its history altered: backed up unsealed) must not stop the others
for slug in $(cut -f1 "$listed"); do
  "$ledger" tenants backup "$slug" -o "$dest/$stamp/$slug.backup" || failed=1
done
if [ -n "${LEDGER_DATABASE_URL:-}" ]; then
  pg_dump --format=custom --no-owner --no-privileges -n platform -n platform_access \
    -n platform_audit --file="$dest/$stamp/platform.dump" "$LEDGER_DATABASE_URL"
else
  for area in platform platform_access platform_audit; do
    "$python" - "${LEDGER_DATA_DIR:-var/data}/$area.sqlite" "$dest/$stamp/$area.sqlite" <<'PY'
import sqlite3, sys
src, dst = sqlite3.connect(sys.argv[1]), sqlite3.connect(sys.argv[2])
with dst:
    src.backup(dst)
PY
  done
fi
# the audit anchor leaves the host with the backups: each night's copy must begin with the last's
if [ -n "${LEDGER_AUDIT_ANCHOR:-}" ] && [ -f "$LEDGER_AUDIT_ANCHOR" ]; then
  cp "$LEDGER_AUDIT_ANCHOR" "$dest/$stamp/audit-anchor.jsonl"
fi
find "$dest" -mindepth 1 -maxdepth 1 -type d -mtime +"${KEEP_DAYS:-14}" -exec rm -rf {} +
echo "backed up to $dest/$stamp"
if [ "$failed" != 0 ]; then
  echo "some tenants were not backed up: see the errors above" >&2
  exit 1
fi
