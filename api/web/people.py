"""Names, not ids: who recorded an event, as a person reads it.

Events carry the acting user's id (``recorded_by``); pages show that user's name. Actors that
are not users (the command line, the demo loader, the system) get words of their own.
"""

from __future__ import annotations

from uuid import UUID

from flask import g

from api.context import platform
from domain.errors import NotFoundError

NOT_USERS = {
    "operator:cli": "An operator (command line)",
    "demo-loader": "Demo data",
    "system": "The system",
}


def actor_name(recorded_by: str | None) -> str:
    """The name to show for an event's ``recorded_by``, looked up once per request."""
    if not recorded_by:
        return "Not recorded"
    if recorded_by in NOT_USERS:
        return NOT_USERS[recorded_by]
    cache: dict[str, str] = g.setdefault("actor_names", {})
    if recorded_by not in cache:
        try:
            cache[recorded_by] = platform().access.user_by_id(UUID(recorded_by)).name
        except (NotFoundError, ValueError):
            cache[recorded_by] = "A former user"
    return cache[recorded_by]
