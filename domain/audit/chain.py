"""The hash chain: each link commits to every stored event before it, in recorded order.

Changing, removing, inserting or reordering any event changes every later link, so a link
written down earlier (a seal) exposes the alteration. Only stored bytes are hashed: the
chain says nothing about, and reveals nothing of, what the events contain.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from uuid import UUID

GENESIS = "0" * 64


@dataclass(frozen=True)
class RecordedEvent:
    position: int
    originator_id: UUID
    originator_version: int
    topic: str
    state: bytes
    # why the stored row is not as the application writes it (empty for every row it wrote):
    # such a row may hash like a true one yet not load as one, so the audit names it
    malformed: str = ""


def extend(link: str, event: RecordedEvent) -> str:
    """The next link after ``link`` once ``event`` is appended (hex SHA-256)."""
    digest = hashlib.sha256()
    digest.update(bytes.fromhex(link))
    digest.update(event.position.to_bytes(8, "big"))
    digest.update(event.originator_id.bytes)
    digest.update(event.originator_version.to_bytes(8, "big"))
    digest.update(len(event.topic).to_bytes(4, "big") + event.topic.encode())
    digest.update(len(event.state).to_bytes(8, "big") + event.state)
    return digest.hexdigest()
