"""One email a reminder run will send, to a user or to an IMR author known only as a contact."""

from __future__ import annotations

from dataclasses import dataclass
from email.message import EmailMessage
from uuid import UUID


@dataclass(frozen=True)
class Outgoing:
    recipient: UUID  # a user's id, or an IMR author's (``authors.author_id``): the logs' key
    who: str  # for progress: a user name, or which IMR's author (never an address)
    period: str
    keys: tuple[str, ...]
    message: EmailMessage
    what: str  # for progress: "daily digest, 3 items" (no addresses, no case content)
    check: str  # where to correct the address when the server refuses it
