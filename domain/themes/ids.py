"""The namespace of every deterministic id the ledger derives from a natural key."""

from __future__ import annotations

from uuid import NAMESPACE_URL, UUID, uuid5

LEDGER_NAMESPACE = uuid5(NAMESPACE_URL, "https://partnership-ledger.invalid/ledger")


def ledger_id(key: str) -> UUID:
    """``uuid5(LEDGER_NAMESPACE, key)`` for a key such as ``"taxonomy:<tenant-slug>"``."""
    return uuid5(LEDGER_NAMESPACE, key)
