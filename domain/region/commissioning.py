"""``CommissioningBudget``: money jointly committed to commissioned services, with minimum
spends per area that the ledger enforces (Staffordshire and Stoke-on-Trent: at least
£1,836,000 a year, of which at least £600,000 in the county and £421,000 in the city).

An allocation is refused when what would be left unallocated could no longer bring every
area up to its minimum, so the rule holds at every step, not just at year end; so is a
correction of a figure keyed wrong (``correcting``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from eventsourcing.domain import event

from domain.errors import DuplicateError, InvalidTransitionError, InvalidValueError, NotFoundError
from domain.funding.checks import check_date, check_text
from domain.funding.money import check_pence, pounds
from domain.funding.years import FinancialYear
from domain.recording import ReferencedRecord
from domain.region.commissioning_rules import Allocation, by_area, unreachable
from domain.region.correcting import correct_figure, corrected_entries


@dataclass(frozen=True)
class AreaLine:
    area: str
    minimum: int
    allocated: int

    @property
    def short_of_minimum(self) -> int:
        return max(0, self.minimum - self.allocated)


@dataclass(frozen=True)
class CommissioningYear:
    year: FinancialYear
    annual_value: int
    allocated: int
    unallocated: int
    areas: tuple[AreaLine, ...]
    allocations: tuple[Allocation, ...] = ()


class CommissioningBudget(ReferencedRecord):
    KIND = "commissioning-budget"

    @classmethod
    def open(cls, reference: str, name: str, lead: str, opened_on: date) -> CommissioningBudget:
        return cls(
            reference=check_text(reference, "The budget's reference"),
            name=check_text(name, "The budget's name"),
            lead=check_text(lead, "The lead commissioner"),
            opened_on=check_date(opened_on, "The opening date"),
        )

    @event("Opened")
    def __init__(self, reference: str, name: str, lead: str, opened_on: date) -> None:
        self.reference, self.name, self.lead, self.opened_on = reference, name, lead, opened_on
        self.values: dict[FinancialYear, int] = {}
        self.minimums: dict[FinancialYear, dict[str, int]] = {}
        self.entries: dict[FinancialYear, list[Allocation]] = {}  # each, in the order recorded
        self.budgeted_on: dict[FinancialYear, date] = {}

    def budget_year(
        self, year: FinancialYear, annual_value: int, minimums: Iterable[tuple[str, int]], on: date
    ) -> None:
        """Set a year's value and minimum spend per area (partner keys)."""
        if year in self.values:
            raise DuplicateError(f"{year} is already budgeted.")
        check_pence(annual_value, "The annual value")
        floor = {
            check_text(a, "The area"): check_pence(m, f"The minimum for {a}") for a, m in minimums
        }
        if sum(floor.values()) > annual_value:
            raise InvalidValueError(
                f"The minimums add up to {pounds(sum(floor.values()))}, more than the "
                f"{pounds(annual_value)} budgeted; lower them or raise the value."
            )
        self._budgeted(year, annual_value, tuple(floor.items()), check_date(on, "The date"))

    @event("YearBudgeted")
    def _budgeted(
        self,
        year: FinancialYear,
        annual_value: int,
        minimums: tuple[tuple[str, int], ...],
        on: date,
    ) -> None:
        self.values[year] = annual_value
        self.minimums[year] = {str(a): int(m) for a, m in minimums}
        self.entries[year] = []
        self.budgeted_on[year] = on

    def allocate(self, year: FinancialYear, area: str, amount: int, purpose: str, on: date) -> None:
        """Commit money to an area; refused if any area could then no longer reach its minimum."""
        if year not in self.values:
            raise NotFoundError(f"{year} is not budgeted; budget the year first.")
        check_pence(amount, "The amount allocated")
        after = dict(self.allocations[year])
        after[check_text(area, "The area")] = after.get(area, 0) + amount
        left, short = unreachable(self.values[year], self.minimums[year], after)
        if left < 0:
            raise InvalidTransitionError(
                f"Only {pounds(left + amount)} of {year} is unallocated; allocate at most that."
            )
        if short:
            named = ", ".join(f"'{a}' (minimum {pounds(self.minimums[year][a])})" for a in short)
            raise InvalidTransitionError(
                f"That would leave {pounds(left)} unallocated in {year}, too little to reach the "
                f"minimum spend of {named}; allocate at most "
                f"{pounds(amount - (sum(short.values()) - left))} to '{area}'."
            )
        self._allocated(
            year, area, amount, check_text(purpose, "The purpose"), check_date(on, "The date")
        )

    @event("Allocated")
    def _allocated(
        self, year: FinancialYear, area: str, amount: int, purpose: str, on: date
    ) -> None:
        entries = self.entries[year]
        entries.append(Allocation(len(entries) + 1, area, amount, purpose, on))

    @property
    def allocations(self) -> dict[FinancialYear, dict[str, int]]:
        """Each year's allocations by area: the sums of its entries as recorded (or corrected)."""
        return {year: by_area(entries) for year, entries in self.entries.items()}

    # Putting right a figure keyed wrong (rules: ``correcting``).

    def correct(self, field: str, value: object, reason: str) -> None:
        """Field: ``value.<year>``, ``minimum.<area>.<year>``, ``allocation.<year>.<n>.amount``
        or ``allocation.<year>.<n>.area`` (n: the year's allocations numbered from 1)."""
        found = correct_figure(self, field, value, reason)
        self._corrected(found.field, found.value, found.previous, found.reason, found.effective_on)

    @event("Corrected")
    def _corrected(
        self,
        field: str,
        value: int | str,
        previous: int | str,
        reason: str,
        effective_on: date,
    ) -> None:
        kind, *rest = field.split(".")
        year = FinancialYear.parse(rest[-1] if kind == "minimum" else rest[0])
        if kind == "value":
            self.values[year] = int(value)
        elif kind == "minimum":
            self.minimums[year][rest[0]] = int(value)
        else:
            self.entries[year] = corrected_entries(self.entries[year], field, value)

    def year(self, year: FinancialYear) -> CommissioningYear:
        if year not in self.values:
            raise NotFoundError(f"{year} is not budgeted; budget the year first.")
        allocated = self.allocations[year]
        areas = sorted(set(self.minimums[year]) | set(allocated))
        return CommissioningYear(
            year,
            self.values[year],
            sum(allocated.values()),
            self.values[year] - sum(allocated.values()),
            tuple(AreaLine(a, self.minimums[year].get(a, 0), allocated.get(a, 0)) for a in areas),
            tuple(self.entries[year]),
        )
