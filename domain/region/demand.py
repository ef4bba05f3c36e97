"""``DemandRecord``: demand indicators partners report, per area and period, beside deaths.

Staffordshire's MARAC: 2,247 cases in 2016/17 and 447 in the first quarter of 2017/18
(seed 004). A period is a financial year ("2016/17") or one of its quarters
("2017/18 Q1"); recording a figure again for the same indicator, area and period corrects
it, with a reason, and the first figure stays in the history.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from eventsourcing.domain import event

from domain.choices import choose
from domain.errors import InvalidValueError
from domain.funding.checks import check_date, check_text
from domain.funding.years import FinancialYear
from domain.ids import ledger_id
from domain.recording import SingleRecord
from domain.texts import required_text

PERIOD = re.compile(r"^(\d{4}/\d{2})(?: Q([1-4]))?$")


class Indicator(StrEnum):
    MARAC_CASES = "marac_cases"
    MARAC_REPEAT_CASES = "marac_repeat_cases"
    REFERRALS_TO_SERVICES = "referrals_to_services"
    DA_INCIDENTS = "da_incidents"


@dataclass(frozen=True, order=True)
class Period:
    year: FinancialYear
    quarter: int | None  # None for the whole year

    @classmethod
    def parse(cls, label: str) -> Period:
        match = PERIOD.match(str(label).strip())
        if not match:
            raise InvalidValueError(
                f"'{label}' is not a period; write a year like 2016/17 or a quarter like 2017/18 Q1."
            )
        return cls(FinancialYear.parse(match[1]), int(match[2]) if match[2] else None)

    @property
    def label(self) -> str:
        return self.year.label + (f" Q{self.quarter}" if self.quarter else "")


@dataclass(frozen=True)
class Figure:
    indicator: Indicator
    area: str
    period: Period
    value: int
    recorded_on: date


class DemandRecord(SingleRecord):
    ID = ledger_id("region", "demand")

    @event("Started")
    def __init__(self) -> None:
        self.figures: dict[tuple[str, str, str], Figure] = {}

    def record(
        self,
        indicator: Indicator | str,
        area: str,
        period: str,
        value: int,
        on: date,
        reason: str = "",
    ) -> None:
        kind = choose(
            Indicator, indicator, "'{value}' is not an indicator; choose from: {allowed}."
        )
        when = Period.parse(period)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise InvalidValueError("A demand figure is a whole number, zero or more.")
        key = (kind.value, check_text(area, "The area"), when.label)
        if key in self.figures:
            required_text(
                reason,
                f"{kind} for '{area}' in {when.label} is already recorded; give a reason to correct it.",
            )
        self._recorded(kind.value, area, when.label, value, check_date(on, "The date"), reason)

    @event("FigureRecorded")
    def _recorded(
        self, indicator: str, area: str, period: str, value: int, on: date, reason: str
    ) -> None:
        self.figures[(indicator, area, period)] = Figure(
            Indicator(indicator), area, Period.parse(period), value, on
        )
