"""When a person last signed in, and who deactivated them, read from the events already kept.

Neither is state on the records every request loads: a sign-in is a ``SignedIn`` event on
the user's ``Credentials`` and a deactivation the user's ``Deactivated`` event, each with its
timestamp and ``recorded_by``. Reading them back newest first, a page at a time, costs one
short query for a person who signs in often and never rewrites a stored event.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from tenants.users.access import AccessRegistry
from tenants.users.credentials import Credentials
from tenants.users.model import User

PAGE = 20  # events read at a time, newest first
SIGNED_IN: type[Any] = Credentials.SignedIn  # type: ignore[attr-defined]
DEACTIVATED: type[Any] = User.Deactivated  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Deactivation:
    at: datetime
    by: str  # the actor as recorded: a user id, or "system", "operator:cli"
    reason: str


def last_signed_in(access: AccessRegistry, user_id: UUID) -> datetime | None:
    """When the user last completed a sign-in to the pages; None if they never have."""
    found = _newest(access, Credentials.create_id(user_id), SIGNED_IN)
    return None if found is None else found.timestamp


def deactivation(access: AccessRegistry, user_id: UUID) -> Deactivation | None:
    """Who deactivated the user, when and why; None while they are active."""
    found = _newest(access, user_id, DEACTIVATED)
    if found is None:
        return None
    return Deactivation(found.timestamp, getattr(found, "recorded_by", ""), found.reason)


def _newest(access: AccessRegistry, record: UUID, wanted: type[Any]) -> Any | None:
    """The newest event of type ``wanted`` in the record's history, or None."""
    below: int | None = None
    while True:
        page = list(access.events.get(record, desc=True, lte=below, limit=PAGE))
        for event in page:
            if isinstance(event, wanted):
                return event
        if len(page) < PAGE:
            return None
        below = page[-1].originator_version - 1
