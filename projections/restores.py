"""A tenant's store replaced by a backup: its rows in the read models start again from position 0.

The restored store numbers what is recorded after it from the backup's head again, at or
below the positions the views and the relay reached on the lost store, so they would keep
the lost events and skip the new ones. The registry counts each restore
(``Tenant.StoreRestored``, ``TenantInfo.restores``); the views store keeps the count its rows
were last reset for (``source_restores``). Whichever process sees a higher count first (the
relay or a worker, wherever the restore ran) resets the source in one transaction; each
then forgets the positions it holds in memory for it (``Restores.changed``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from projections.model import source_kind
from projections.port import ViewStore, ViewTx
from projections.views import all_models
from tenants.platform import Platform

UPSERT = (
    "INSERT INTO source_restores (source, restores) VALUES (?, ?)"
    " ON CONFLICT (source) DO UPDATE SET restores = excluded.restores"
)


def counts(platform: Platform) -> dict[str, int]:
    """How many times each tenant's store was restored, as the registry says now."""
    return {t.slug: t.restores for t in platform.registry.tenants()}


def follow(views: ViewStore, restored: Mapping[str, int]) -> set[str]:
    """Reset every source restored more often than its rows were reset for; the sources reset.

    Nothing is read or written while no store was ever restored (the common case)."""
    wanted = {s: n for s, n in restored.items() if n}
    if not wanted:
        return set()
    with views.reading() as tx:
        if not _behind(_reset_for(tx), wanted):
            return set()
    existing = views.table_names()
    with views.writing() as tx:
        tx.serialize()  # one process resets; the others then find the count recorded
        behind = _behind(_reset_for(tx), wanted)
        for source in sorted(behind):
            forget(tx, existing, source)
            tx.execute(UPSERT, (source, wanted[source]))
    return behind


def forget(tx: ViewTx, existing: set[str], source: str) -> None:
    """Delete the source's rows from every generation of its models, its positions (theirs
    and the relay's) and its set-aside events: everything is read from the store again."""
    for model in all_models():
        if model.source != source_kind(source):
            continue
        pattern = re.compile(rf"^{re.escape(model.name)}_g(\d+)_")
        for gen in sorted({int(m.group(1)) for t in existing if (m := pattern.match(t))}):
            for table in model.table_set(gen).names.values():
                if table in existing:
                    tx.execute(f"DELETE FROM {table} WHERE tenant = ?", (source,))
    for table in ("view_tracking", "view_dead_letters", "relay_positions"):
        tx.execute(f"DELETE FROM {table} WHERE source = ?", (source,))


class Restores:
    """The restore counts one process has acted on, to tell when it must forget a source's
    positions held in memory (another process may have reset the views already)."""

    def __init__(self) -> None:
        self.seen: dict[str, int] = {}

    def changed(self, restored: Mapping[str, int]) -> set[str]:
        """Sources restored since this process last looked (none the first time it sees one)."""
        changed = {s for s, n in restored.items() if s in self.seen and self.seen[s] != n}
        self.seen.update(restored)
        return changed


def _reset_for(tx: ViewTx) -> dict[str, int]:
    return {str(s): int(n) for s, n in tx.fetchall("SELECT source, restores FROM source_restores")}


def _behind(done: Mapping[str, int], wanted: Mapping[str, int]) -> set[str]:
    return {s for s, n in wanted.items() if done.get(s, 0) < n}
