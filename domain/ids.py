"""Deterministic ids for things with a natural key, so a retried create cannot make two."""

from __future__ import annotations

from uuid import NAMESPACE_URL, UUID, uuid5

LEDGER_NAMESPACE = uuid5(NAMESPACE_URL, "https://partnership-ledger.invalid/ledger")


def ledger_id(*key: str) -> UUID:
    """``uuid5`` of the key parts joined by ':', e.g. ``ledger_id("review", "dhr-2014-03")``."""
    return uuid5(LEDGER_NAMESPACE, ":".join(key))
