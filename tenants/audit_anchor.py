"""The line a seal run adds to the anchor (``domain/audit/anchor.py`` says what it holds)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from domain.audit import Seal
from domain.audit.anchor import Anchor, AnchoredSeals
from tenants.audit import verify_against
from tenants.platform import Platform
from tenants.platform_stores import platform_store, seal_store


def anchor_now(p: Platform, names: Iterable[str]) -> Anchor:
    """Each of ``names``' seals as the seal store holds them now, and that store's own chain
    at its head, read after them: every seal read is then covered by the head."""
    seals = {name: AnchoredSeals.of(s) for name in names if (s := p.audit.seals(name))}
    now = datetime.now(tz=UTC)
    with platform_store(p, seal_store(p)) as store:
        head = verify_against(store, ())
    return Anchor(now, Seal(head.head_position, head.head_link, head.events_checked, now), seals)
