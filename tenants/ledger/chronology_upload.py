"""Many chronology entries at once (a spreadsheet upload): every row checked as the form's
entry is, every refusal noted with its row, and only a clean set recorded, in one save.

The checks are the form's use case's (``submit_chronology_entry``): the agency must have been
asked for an IMR, the entry must be a real, past, non-empty account, and the same entry must
not be recorded twice (within the sheet either). Entries are sealed with the case key.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time
from typing import Any
from uuid import UUID

from domain.chronology import CaseChronology, ChronologyEntry
from domain.chronology.chronology import MAX_ENTRIES
from domain.errors import DomainError, DuplicateError, InvalidTransitionError, InvalidValueError
from tenants.ledger.chronology import ChronologyUseCases


@dataclass(frozen=True)
class EntryRow:
    agency: str
    occurred_on: date
    occurred_at: time | None
    what_happened: str
    source: str


class RowsRefused(InvalidValueError):
    """Some rows cannot be recorded; ``rows`` holds (index in the upload, what is wrong)."""

    def __init__(self, rows: list[tuple[int, str]]) -> None:
        self.rows = rows
        super().__init__(
            f"{len(rows)} row{'s are' if len(rows) != 1 else ' is'} wrong; nothing was recorded."
        )


class ChronologyUploadUseCases(ChronologyUseCases):
    def submit_chronology_entries(
        self, review_id: UUID, rows: Sequence[EntryRow], today: date, *, record: bool = True
    ) -> list[int]:
        """The entries' numbers, all recorded in one save; or ``RowsRefused`` and nothing."""
        review = self.get_review(review_id)  # type: ignore[attr-defined]
        if self._is_erased(review_id):
            raise InvalidTransitionError(
                "This case's personal details were erased; no chronology can be kept for it."
            )
        if not rows:
            raise InvalidValueError("The upload has no entries.")
        chronology = self._chronology(review_id) or CaseChronology(review_id=review_id)
        seen = {
            (s.entry.agency, s.entry.sameness, s.entry.source)
            for s in self._opened(review_id, chronology)
        }
        problems: list[tuple[int, str]] = []
        entries: list[ChronologyEntry] = []
        for index, row in enumerate(rows):
            try:
                entries.append(self._checked_row(review, row, seen, today))
            except DomainError as refused:
                problems.append((index, str(refused)))
        if not problems and len(chronology.entries) + len(entries) > MAX_ENTRIES:
            problems.append((len(rows) - 1, f"A chronology holds at most {MAX_ENTRIES} entries."))
        if problems:
            raise RowsRefused(problems)
        if not record:
            return []
        keys = self._keys()
        numbers = []
        for entry in entries:
            payload = json.dumps(entry.to_json(), separators=(",", ":")).encode()
            numbers.append(chronology.submit(entry.agency, keys.encrypt(review_id, payload), today))
        self.save(chronology)
        return numbers

    def _checked_row(
        self, review: object, row: EntryRow, seen: set[Any], today: date
    ) -> ChronologyEntry:
        agency = row.agency.strip() if isinstance(row.agency, str) else ""
        imr = review._imr(agency) if agency else None  # type: ignore[attr-defined]
        if imr is None:
            raise InvalidTransitionError(
                f"No IMR was requested from {agency or 'that agency'} for this case; request "
                "its IMR before it submits chronology entries."
            )
        entry = ChronologyEntry.checked(
            imr.agency,
            row.occurred_on,
            row.occurred_at,
            row.what_happened,
            row.source,
            today=today,
        )
        key = (entry.agency, entry.sameness, entry.source)
        if key in seen:
            raise DuplicateError(
                f"{entry.agency} already submitted this entry for {entry.occurred_on}."
            )
        seen.add(key)
        return entry
