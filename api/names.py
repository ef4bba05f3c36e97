"""Names, not ids: who recorded an event, as the people reading a history know them.

Events store the acting user's id (a name can change; the id cannot). Pages, histories and the
API's history show the user's display name instead, looked up once per actor per request.
Actors that are no user (the command line, the demo loader, the service itself) get words of
their own.
"""

from __future__ import annotations

from uuid import UUID

from flask import g, has_request_context

from api.context import platform

NOT_PEOPLE = {
    "system": "The service",
    "demo-loader": "Demo data",
    "operator:cli": "An operator (command line)",
}


def actor_name(actor: str | None) -> str:
    if not actor:
        return "Not recorded"
    if actor in NOT_PEOPLE:
        return NOT_PEOPLE[actor]
    if not has_request_context():
        return _looked_up(actor)
    known: dict[str, str] = g.setdefault("actor_names", {})
    if actor not in known:
        known[actor] = _looked_up(actor)
    return known[actor]


def _looked_up(actor: str) -> str:
    shown = platform().access.shown_as(actor)
    if shown != actor:
        return shown
    try:
        UUID(actor)
    except ValueError:
        return actor  # a loader or script that signed its work by name
    return "A former user"  # an id no user holds any more
