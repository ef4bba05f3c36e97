"""The message the relay publishes for each stored event, and how a worker reads it back.

It carries the stored event itself (not a re-serialised domain object), so the worker decodes
it with the tenant's own mapper exactly as a direct read would, and ``prev`` — the id before
it in the tenant's log — so the worker can tell a gap from a duplicate.
"""

from __future__ import annotations

import base64
from typing import Any
from uuid import UUID

from eventsourcing.persistence import Notification

from adapters.messaging import routing_key
from projections.model import qualname_of


def encode(region: str, tenant: str, prev: int, note: Notification) -> tuple[str, dict[str, Any]]:
    aggregate, _, event = qualname_of(note.topic).rpartition(".")
    body = {
        "region": region,
        "tenant": tenant,
        "id": note.id,
        "prev": prev,
        "originator_id": str(note.originator_id),
        "originator_version": note.originator_version,
        "topic": note.topic,
        "state": base64.b64encode(note.state).decode("ascii"),
    }
    return routing_key(region, tenant, aggregate or "Aggregate", event), body


def decode(body: dict[str, Any]) -> Notification:
    return Notification(
        id=int(body["id"]),
        originator_id=UUID(body["originator_id"]),
        originator_version=int(body["originator_version"]),
        topic=str(body["topic"]),
        state=base64.b64decode(body["state"]),
    )
