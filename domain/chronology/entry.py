"""One agency's chronology entry, checked before it is sealed.

The date is when it happened (not when it was submitted); the time only if the agency's
record has it. Text is capped so one entry stays one event of reasonable size.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time
from typing import Any

from domain.errors import InvalidValueError
from domain.reviews.checks import check_date, check_text

MAX_TEXT = 4000
MAX_SOURCE = 300


@dataclass(frozen=True)
class ChronologyEntry:
    agency: str
    occurred_on: date
    occurred_at: time | None
    what_happened: str
    source: str

    @classmethod
    def checked(
        cls,
        agency: str,
        occurred_on: object,
        occurred_at: object,
        what_happened: object,
        source: object,
        *,
        today: date | None = None,
    ) -> ChronologyEntry:
        """Refuse what a panel could not use: no date, a future date, an empty account."""
        day = check_date(occurred_on, "chronology entry", today)
        if occurred_at is not None and not isinstance(occurred_at, time):
            raise InvalidValueError("Give the time as HH:MM, or leave it out if not known.")
        return cls(
            agency,
            day,
            occurred_at.replace(second=0, microsecond=0, tzinfo=None) if occurred_at else None,
            check_text(what_happened, "account of what happened", MAX_TEXT),
            check_text(source, "source document (e.g. 'GP record, consultation note')", MAX_SOURCE),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "on": self.occurred_on.isoformat(),
            "at": self.occurred_at.strftime("%H:%M") if self.occurred_at else None,
            "what": self.what_happened,
            "source": self.source,
        }

    @classmethod
    def from_json(cls, agency: str, data: dict[str, Any]) -> ChronologyEntry:
        at = data.get("at")
        return cls(
            agency,
            date.fromisoformat(data["on"]),
            time.fromisoformat(at) if at else None,
            data["what"],
            data["source"],
        )

    @property
    def sameness(self) -> tuple[date, time | None, str]:
        """Two agencies describing one event in the same words on the same day are one row."""
        return self.occurred_on, self.occurred_at, _normal(self.what_happened)


def _normal(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.casefold()).strip()
