"""``CaseChronology``: the entries agencies submitted for one case, and which the panel marks key.

Events carry the entry's number, the agency (an organisation, never a person) and the sealed
entry; the domain checks the entry before sealing (``ChronologyEntry.checked``) because once
sealed it cannot see inside.
"""

from __future__ import annotations

from datetime import date
from uuid import UUID

from eventsourcing.domain import event

from domain.errors import InvalidValueError, NotFoundError
from domain.recording import CaseRecord

MAX_ENTRIES = 5000


class CaseChronology(CaseRecord):
    KIND = "chronology"

    @event("Opened")
    def __init__(self, review_id: UUID) -> None:
        self.review_id = UUID(str(review_id))
        self.entries: tuple[tuple[int, str, str, date], ...] = ()  # number, agency, sealed, on
        self.key: frozenset[int] = frozenset()

    def submit(self, agency: str, sealed: str, submitted_on: date) -> int:
        """Numbers are 1, 2, 3... in order of submission; the panel refers to entries by them."""
        if not sealed:
            raise InvalidValueError("An entry must be sealed before it is recorded.")
        if len(self.entries) >= MAX_ENTRIES:
            raise InvalidValueError(
                f"A chronology holds at most {MAX_ENTRIES} entries; split it by period."
            )
        number = len(self.entries) + 1
        self._submitted(number, agency, sealed, submitted_on)
        return number

    @event("EntrySubmitted")
    def _submitted(self, number: int, agency: str, sealed: str, submitted_on: date) -> None:
        self.entries = (*self.entries, (number, agency, sealed, submitted_on))

    def mark_key(self, number: int, key: bool) -> None:
        """Key entries are the ones the overview report must address; marking is reversible."""
        if not isinstance(number, int) or not any(n == number for n, *_ in self.entries):
            raise NotFoundError(f"This chronology has no entry {number}.")
        if not isinstance(key, bool):
            raise InvalidValueError("Say whether the entry is key: true or false.")
        if (number in self.key) == key:
            return  # already as asked: nothing to record
        self._marked(number, key)

    @event("KeyMarked")
    def _marked(self, number: int, key: bool) -> None:
        self.key = self.key | {number} if key else self.key - {number}
