"""Correcting a commissioning budget's figure keyed wrong (a year's value, an area's minimum,
one allocation's amount or area), or a commissioned service's payment or a funder's share of
its funding agreement keyed wrong.

As with every correction (``domain.correcting``) the wrong figure stays in the history beside
the right one, with who corrected it and why, and the correction takes effect on the date the
wrong figure did. The budget's rule (``commissioning_rules``) holds after it as after every
allocation; refused, the message gives the bound that would pass.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from domain import correcting as c
from domain.errors import InvalidTransitionError, InvalidValueError, NotFoundError
from domain.funding.money import check_pence, pounds
from domain.funding.years import FinancialYear
from domain.region.commissioning_rules import Allocation, by_area, unreachable
from domain.texts import required_text

FIELDS = (
    "value.<year>, minimum.<area>.<year>, allocation.<year>.<number>.amount or "
    "allocation.<year>.<number>.area (e.g. allocation.2017/18.2.amount)"
)


class PaidPayment(Protocol):
    """A payment as ``CommissionedService`` keeps it (``services.Payment``)."""

    @property
    def amount(self) -> int: ...
    @property
    def funder(self) -> str: ...
    @property
    def paid_on(self) -> date: ...


class PaymentState(Protocol):
    @property
    def payments(self) -> Sequence[PaidPayment]: ...


def correct_payment(
    service: PaymentState, field: object, value: object, reason: object
) -> tuple[str, int, int, str, date, str]:
    """Checks ``CommissionedService.correct``: ``payment.<number>.amount``, pence."""
    number = c.entry_number(field, "payment", len(service.payments))
    if number is None:
        raise NotFoundError(
            f"'{field}' names no payment of this service: name it 'payment.<number>.amount', "
            f"its payments numbered 1 to {len(service.payments)} in the order recorded."
        )
    paid = service.payments[number - 1]
    why = c.check_reason(reason)
    new = check_pence(value, f"The corrected amount of payment {number}")
    c.unchanged(f"amount of payment {number}", pounds(paid.amount), pounds(new))
    return f"payment.{number}.amount", new, paid.amount, why, paid.paid_on, paid.funder


class AgreedFunding(Protocol):
    """A funding agreement as ``CommissionedService`` keeps it (``services.FundingAgreement``)."""

    @property
    def starts_on(self) -> date: ...
    @property
    def annual_value(self) -> int: ...
    @property
    def shares(self) -> tuple[tuple[str, int], ...]: ...


class AgreementState(Protocol):
    @property
    def agreements(self) -> Mapping[str, AgreedFunding]: ...


def is_share(field: object) -> bool:
    """A service's correction of a funder's share (``correct_share``), not of a payment."""
    return isinstance(field, str) and field.startswith("agreement.")


def correct_share(
    service: AgreementState, field: str, value: object, reason: object
) -> tuple[str, int, int, str, date, str, str, int]:
    """Checks ``CommissionedService.correct`` for ``agreement.<reference>.share.<funder>``
    (pence a year): one funder's share keyed wrong. The shares add up to the annual value
    exactly, as when agreed, so the value follows the share (a wrong value was a wrong share);
    it takes effect from the agreement's start. Returns the event's arguments and the
    agreement's reference and its annual value after."""
    rest, _, funder = field.rpartition(".")
    reference, _, share = rest.removeprefix("agreement.").rpartition(".")
    agreement = service.agreements.get(reference) if share == "share" else None
    if agreement is None:
        known = ", ".join(
            f"agreement.{r}.share.{f}" for r, a in service.agreements.items() for f, _ in a.shares
        )
        raise NotFoundError(
            f"'{field}' names no funder's share of this service's agreements; name one of: "
            f"{known or 'none yet (agree funding first)'}."
        )
    shares = dict(agreement.shares)
    if funder not in shares:
        raise NotFoundError(
            f"'{funder}' has no share of '{reference}'; its funders: {', '.join(shares)}."
        )
    why = c.check_reason(reason)
    new = check_pence(value, f"The corrected share of '{funder}'")
    c.unchanged(f"share of '{funder}' in '{reference}'", pounds(shares[funder]), pounds(new))
    total = agreement.annual_value - shares[funder] + new
    field = f"agreement.{reference}.share.{funder}"
    return field, new, shares[funder], why, agreement.starts_on, funder, reference, total


class CommissioningState(Protocol):
    values: dict[FinancialYear, int]
    minimums: dict[FinancialYear, dict[str, int]]
    entries: dict[FinancialYear, list[Allocation]]
    budgeted_on: dict[FinancialYear, date]


def _refusal(year: FinancialYear, left: int, short: dict[str, int], then: str) -> str:
    if left < 0:
        return f"That would allocate {pounds(-left)} more than {year} holds; {then}."
    areas = ", ".join(f"'{a}' ({pounds(s)} short)" for a, s in short.items())
    return (
        f"That would leave {pounds(left)} unallocated in {year}, too little to bring {areas} "
        f"up to the minimum spend; {then}."
    )


@dataclass(frozen=True)
class Correction:
    """A checked correction: what the ``Corrected`` event records."""

    field: str
    value: int | str
    previous: int | str
    reason: str
    effective_on: date


def correct_figure(
    budget: CommissioningState, field: object, value: object, reason: object
) -> Correction:
    """Checks ``CommissioningBudget.correct``; the field names the figure (``FIELDS``)."""
    parts = field.split(".") if isinstance(field, str) else []
    kind = parts[0] if parts else ""
    shapes = {"value": 2, "minimum": 3, "allocation": 4}
    if kind not in shapes or len(parts) != shapes[kind]:
        raise InvalidValueError(
            f"'{field}' names no figure of a commissioning budget; use {FIELDS}."
        )
    year = FinancialYear.parse(parts[1] if kind != "minimum" else parts[2])
    if year not in budget.values:
        budgeted = ", ".join(str(y) for y in sorted(budget.values)) or "none yet"
        raise NotFoundError(f"{year} is not budgeted (budgeted: {budgeted}); budget it instead.")
    why = c.check_reason(reason)
    at = 2 if kind == "minimum" else 1
    name = ".".join([*parts[:at], year.label, *parts[at + 1 :]])  # 2018-19 written 2018/19
    if kind == "value":
        return _value(budget, year, name, value, why)
    if kind == "minimum":
        return _minimum(budget, year, parts[1], name, value, why)
    return _allocation(budget, year, parts[2], parts[3], name, value, why)


def _value(
    budget: CommissioningState, year: FinancialYear, name: str, value: object, why: str
) -> Correction:
    new = check_pence(value, f"The corrected value of {year}")
    old = budget.values[year]
    c.unchanged(f"value of {year}", pounds(old), pounds(new))
    allocated = by_area(budget.entries[year])
    left, short = unreachable(new, budget.minimums[year], allocated)
    if short or left < 0:
        least = sum(allocated.values()) + sum(
            max(0, m - allocated.get(a, 0)) for a, m in budget.minimums[year].items()
        )
        raise InvalidTransitionError(
            _refusal(year, left, short, f"the value of {year} can be no less than {pounds(least)}")
        )
    return Correction(name, new, old, why, budget.budgeted_on[year])


def _minimum(
    budget: CommissioningState,
    year: FinancialYear,
    area: str,
    name: str,
    value: object,
    why: str,
) -> Correction:
    allocated = by_area(budget.entries[year])
    known = dict.fromkeys([*budget.minimums[year], *allocated])
    if area not in known:
        raise NotFoundError(
            f"'{area}' has no minimum or allocation in {year}; correct one of: "
            f"{', '.join(known) or 'none yet'}."
        )
    new = check_pence(value, f"The corrected minimum for '{area}'", allow_zero=True)
    old = budget.minimums[year].get(area, 0)
    c.unchanged(f"minimum for '{area}' in {year}", pounds(old), pounds(new))
    after = {**budget.minimums[year], area: new}
    left, short = unreachable(budget.values[year], after, allocated)
    if short:
        others = sum(s for a, s in short.items() if a != area)
        most = allocated.get(area, 0) + left - others
        then = (
            f"the minimum for '{area}' can be at most {pounds(most)}"
            if most >= allocated.get(area, 0)
            else "correct the other areas' minimums first"
        )
        raise InvalidTransitionError(_refusal(year, left, short, then))
    return Correction(name, new, old, why, budget.budgeted_on[year])


def _allocation(
    budget: CommissioningState,
    year: FinancialYear,
    number: str,
    part: str,
    name: str,
    value: object,
    why: str,
) -> Correction:
    entries = budget.entries[year]
    if (
        not number.isdigit()
        or not 1 <= int(number) <= len(entries)
        or part not in ("amount", "area")
    ):
        raise NotFoundError(
            f"'{name}' names no allocation of {year}: its allocations are numbered 1 to "
            f"{len(entries)} in the order recorded, each with an amount and an area."
        )
    entry = entries[int(number) - 1]
    new: int | str
    if part == "amount":
        new = check_pence(value, f"The corrected amount of allocation {number}")
        c.unchanged(f"amount of allocation {number}", pounds(entry.amount), pounds(new))
        old: int | str = entry.amount
    else:
        keyed = "Give the corrected area as a key of the region's directory."
        if not isinstance(value, str):
            raise InvalidValueError(keyed)
        new = required_text(value, keyed)
        c.unchanged(f"area of allocation {number}", entry.area, new)
        old = entry.area
    after = corrected_entries(entries, name, new)
    left, short = unreachable(budget.values[year], budget.minimums[year], by_area(after))
    if short or left < 0:
        allocated = by_area(entries)
        others = sum(
            max(0, m - allocated.get(a, 0))
            for a, m in budget.minimums[year].items()
            if a != entry.area
        )
        most = budget.values[year] - (sum(allocated.values()) - entry.amount) - others
        then = (
            f"correct it to at most {pounds(most)}"
            if part == "amount"
            else "correct the amount first, or allocate to that area separately"
        )
        raise InvalidTransitionError(_refusal(year, left, short, then))
    return Correction(name, new, old, why, entry.on)


def corrected_entries(entries: list[Allocation], field: str, value: int | str) -> list[Allocation]:
    """The year's allocations with the one ``field`` names put right (as ``_allocation`` checked)."""
    _, _, number, part = field.split(".")
    index = int(number) - 1
    entry = entries[index]
    right = (
        Allocation(entry.number, entry.area, int(value), entry.purpose, entry.on)
        if part == "amount"
        else Allocation(entry.number, str(value), entry.amount, entry.purpose, entry.on)
    )
    return [*entries[:index], right, *entries[index + 1 :]]
