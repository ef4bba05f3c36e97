"""Many chronology entries at once (a spreadsheet upload): every row checked as the form's
entry is, every refusal noted with its row, and only a clean set recorded, in one save.

The checks are the form's (``Chronology.submit``): the agency must have been
asked for an IMR, the entry must be a real, past, non-empty account, and the same entry must
not be recorded twice (within the sheet either). Entries are sealed with the case key.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from typing import Any

from domain.chronology import ChronologyEntry
from domain.errors import DuplicateError, InvalidTransitionError, InvalidValueError


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


def checked_row(review: object, row: EntryRow, seen: set[Any], today: date) -> ChronologyEntry:
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
