"""Names, not ids: who recorded an event, as the people reading a history know them.

Events store the acting user's id (a name can change; the id cannot). Pages and histories show
the user's display name instead, looked up once per actor per request.
"""

from __future__ import annotations

from flask import g, has_request_context

from api.context import platform

NOT_PEOPLE = {"system": "The service", "demo-loader": "Demo data loader"}


def actor_name(actor: str) -> str:
    if not actor:
        return ""
    if actor in NOT_PEOPLE:
        return NOT_PEOPLE[actor]
    if not has_request_context():
        return platform().access.shown_as(actor)
    known: dict[str, str] = g.setdefault("actor_names", {})
    if actor not in known:
        known[actor] = platform().access.shown_as(actor)
    return known[actor]
