"""The financial year (1 April – 31 March): the period every budget, statement and close uses.

It is a value object rather than a date range so that "2016/17" means one thing
everywhere, including inside stored events.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from domain.errors import InvalidValueError

_LABEL = re.compile(r"^(\d{4})[/-](\d{2})$")


@dataclass(frozen=True, order=True)
class FinancialYear:
    """The year starting on 1 April of ``start_year``; labelled like ``2016/17``."""

    start_year: int

    def __post_init__(self) -> None:
        if (
            isinstance(self.start_year, bool)
            or not isinstance(self.start_year, int)
            or not (1900 <= self.start_year <= 2999)
        ):
            raise InvalidValueError(
                "A financial year needs a four-digit starting year, e.g. 2016 for 2016/17."
            )

    @classmethod
    def of(cls, day: date) -> FinancialYear:
        """The financial year that ``day`` falls in."""
        return cls(day.year if day.month >= 4 else day.year - 1)

    @classmethod
    def parse(cls, label: str | FinancialYear) -> FinancialYear:
        """Read ``"2016/17"`` (or ``"2016-17"``); a ``FinancialYear`` passes through."""
        if isinstance(label, FinancialYear):
            return label
        match = _LABEL.match(str(label).strip())
        if not match or (int(match[1]) + 1) % 100 != int(match[2]):
            raise InvalidValueError(
                f"'{label}' is not a financial year; write it like 2016/17 "
                "(April 2016 – March 2017)."
            )
        return cls(int(match[1]))

    @property
    def label(self) -> str:
        return f"{self.start_year}/{(self.start_year + 1) % 100:02d}"

    @property
    def start(self) -> date:
        return date(self.start_year, 4, 1)

    @property
    def end(self) -> date:
        return date(self.start_year + 1, 3, 31)

    @property
    def next(self) -> FinancialYear:
        return FinancialYear(self.start_year + 1)

    @property
    def previous(self) -> FinancialYear:
        return FinancialYear(self.start_year - 1)

    def __contains__(self, day: date) -> bool:
        return self.start <= day <= self.end

    def __str__(self) -> str:
        return self.label
