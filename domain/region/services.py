"""``CommissionedService``: a service bought from a provider under funding agreements.

Staffordshire's DA support (seed 004): providers Arch, Pathway and Staffordshire Women's
Aid; agreements with a period, an annual value and each funder's share, extended until the
new services start in October 2018; East Staffs handed from Home Group to Pathway in
October 2017; tender milestones. Payments are money out, attributed to the funder paying.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from eventsourcing.domain import event

from domain import correcting
from domain.errors import DuplicateError, InvalidTransitionError, InvalidValueError, NotFoundError
from domain.funding.checks import check_date, check_text
from domain.funding.money import check_pence, pounds
from domain.recording import ReferencedRecord
from domain.region.correcting import correct_payment, correct_share, is_share

ENDING_SOON_DAYS = 183  # about six months: a board's notice to extend or re-tender


@dataclass(frozen=True)
class FundingAgreement:
    reference: str
    starts_on: date
    ends_on: date
    annual_value: int
    shares: tuple[tuple[str, int], ...]
    extensions: tuple[tuple[date, str], ...] = ()


@dataclass(frozen=True)
class Payment:
    """One payment to the provider as recorded (or as corrected), numbered from 1."""

    number: int
    agreement: str
    funder: str
    amount: int
    paid_on: date


@dataclass(frozen=True)
class Milestone:
    name: str
    due_on: date
    reached_on: date | None = None


def funding_ended(funded_to: date | None, on: date) -> bool:
    """Every agreement ran out before ``on``: a service on the books with nothing paying for
    it, which a board must not read as funded."""
    return funded_to is not None and funded_to < on


class CommissionedService(ReferencedRecord):
    KIND = "commissioned-service"

    @classmethod
    def open(
        cls, reference: str, name: str, provider: str, area: str, on: date
    ) -> CommissionedService:
        return cls(
            reference=check_text(reference, "The service's reference"),
            name=check_text(name, "The service's name"),
            provider=check_text(provider, "The provider"),
            area=check_text(area, "The area served"),
            opened_on=check_date(on, "The date"),
        )

    @event("Opened")
    def __init__(
        self, reference: str, name: str, provider: str, area: str, opened_on: date
    ) -> None:
        self.reference, self.name, self.provider, self.area = reference, name, provider, area
        self.opened_on = opened_on
        self.providers: list[tuple[str, date]] = [(provider, opened_on)]
        self.agreements: dict[str, FundingAgreement] = {}
        self.milestones: dict[str, Milestone] = {}
        self.payments: list[Payment] = []  # each, in the order recorded

    def agree_funding(
        self,
        reference: str,
        starts_on: date,
        ends_on: date,
        annual_value: int,
        shares: Iterable[tuple[str, int]],
    ) -> None:
        """Funders' shares add up to the annual value exactly."""
        if check_text(reference, "The agreement's reference") in self.agreements:
            raise DuplicateError(f"Agreement '{reference}' is already recorded.")
        if check_date(ends_on, "The end date") < check_date(starts_on, "The start date"):
            raise InvalidValueError("The agreement ends before it starts; check the dates.")
        check_pence(annual_value, "The annual value")
        parts = tuple(
            (check_text(f, "The funder"), check_pence(p, f"{f}'s share")) for f, p in shares
        )
        if sum(p for _, p in parts) != annual_value:
            raise InvalidValueError(
                f"The funders' shares add up to {pounds(sum(p for _, p in parts))}, not the "
                f"annual value {pounds(annual_value)}; make them add up."
            )
        self._agreed(reference, starts_on, ends_on, annual_value, parts)

    @event("FundingAgreed")
    def _agreed(
        self,
        reference: str,
        starts_on: date,
        ends_on: date,
        annual_value: int,
        shares: tuple[tuple[str, int], ...],
    ) -> None:
        parts = tuple((str(f), int(p)) for f, p in shares)
        self.agreements[reference] = FundingAgreement(
            reference, starts_on, ends_on, annual_value, parts
        )

    def extend(self, reference: str, ends_on: date, reason: str) -> None:
        agreement = self.agreement(reference)
        if check_date(ends_on, "The new end date") <= agreement.ends_on:
            raise InvalidValueError(
                f"'{reference}' already runs to {agreement.ends_on}; extend beyond it."
            )
        self._extended(reference, ends_on, check_text(reason, "The reason"))

    @event("Extended")
    def _extended(self, reference: str, ends_on: date, reason: str) -> None:
        a = self.agreements[reference]
        self.agreements[reference] = replace(
            a, ends_on=ends_on, extensions=(*a.extensions, (a.ends_on, reason))
        )

    def hand_over(self, provider: str, on: date, reason: str) -> None:
        """Another provider takes the service over (Home Group → Pathway, October 2017)."""
        if check_text(provider, "The new provider") == self.provider:
            raise InvalidTransitionError(f"'{provider}' already provides this service.")
        self._handed_over(provider, check_date(on, "The date"), check_text(reason, "The reason"))

    @event("HandedOver")
    def _handed_over(self, provider: str, on: date, reason: str) -> None:
        self.provider = provider
        self.providers.append((provider, on))

    def plan_milestone(self, name: str, due_on: date) -> None:
        if check_text(name, "The milestone") in self.milestones:
            raise DuplicateError(f"Milestone '{name}' is already planned.")
        self._milestone_planned(name, check_date(due_on, "The due date"))

    @event("MilestonePlanned")
    def _milestone_planned(self, name: str, due_on: date) -> None:
        self.milestones[name] = Milestone(name, due_on)

    def reach_milestone(self, name: str, on: date) -> None:
        if name not in self.milestones:
            raise NotFoundError(f"No milestone '{name}'; plan it first.")
        if self.milestones[name].reached_on is not None:
            raise InvalidTransitionError(f"Milestone '{name}' was already reached.")
        self._milestone_reached(name, check_date(on, "The date"))

    @event("MilestoneReached")
    def _milestone_reached(self, name: str, on: date) -> None:
        self.milestones[name] = replace(self.milestones[name], reached_on=on)

    def pay(self, reference: str, funder: str, amount: int, paid_on: date) -> None:
        """Money out to the provider, from one funder, under one agreement."""
        agreement = self.agreement(reference)
        if funder not in dict(agreement.shares):
            raise InvalidValueError(
                f"'{funder}' does not fund '{reference}'; funders: "
                f"{', '.join(f for f, _ in agreement.shares)}."
            )
        check_pence(amount, "The amount paid")
        self._paid(
            reference, funder, amount, check_date(paid_on, "The payment date"), self.provider
        )

    @event("Paid")
    def _paid(self, reference: str, funder: str, amount: int, paid_on: date, provider: str) -> None:
        self.payments.append(Payment(len(self.payments) + 1, reference, funder, amount, paid_on))

    def correct(self, field: str, value: object, reason: str) -> None:
        """Field: ``payment.<number>.amount`` (payments numbered from 1 in the order
        recorded), a payment keyed wrong, put right on the day it was paid; or
        ``agreement.<reference>.share.<funder>``, a funder's share a year keyed wrong, the
        annual value following it from the agreement's start."""
        if is_share(field):
            self._share_corrected(*correct_share(self, field, value, reason))
        else:
            self._corrected(*correct_payment(self, field, value, reason))

    @event("ShareCorrected")
    def _share_corrected(
        self,
        field: str,
        value: int,
        previous: int,
        reason: str,
        effective_on: date,
        funder: str,
        agreement: str,
        annual_value: int,
    ) -> None:
        """``annual_value`` is the agreement's after it, so a reader of this event alone (the
        history, an auditor) sees the value it left, as ``FundingAgreed`` said the first."""
        found = self.agreements[agreement]
        shares = tuple((f, value if f == funder else p) for f, p in found.shares)
        self.agreements[agreement] = replace(found, shares=shares, annual_value=annual_value)

    @event("Corrected")
    def _corrected(
        self, field: str, value: int, previous: int, reason: str, effective_on: date, funder: str
    ) -> None:
        """``funder`` repeats the payment's, so the money views know whose figure moves."""
        correcting.put_right(self.payments, field, value)

    @property
    def paid(self) -> dict[str, int]:
        """What each funder has paid so far: the sum of its payments as recorded (or corrected)."""
        found: dict[str, int] = {}
        for p in self.payments:
            found[p.funder] = found.get(p.funder, 0) + p.amount
        return found

    @property
    def funded_to(self) -> date | None:
        """The latest end of its agreements (extensions included); None before any."""
        return max((a.ends_on for a in self.agreements.values()), default=None)

    def ends_soon(self, on: date) -> bool:
        """Its funding ends within ``ENDING_SOON_DAYS`` of ``on``: time for the board to decide
        whether to extend or re-tender (seed 004's agreements, extended to October 2018)."""
        end = self.funded_to
        return end is not None and on <= end <= on + timedelta(days=ENDING_SOON_DAYS)

    def funding_ended(self, on: date) -> bool:
        return funding_ended(self.funded_to, on)

    def agreement(self, reference: str) -> FundingAgreement:
        if reference not in self.agreements:
            raise NotFoundError(f"No funding agreement '{reference}'; agree it first.")
        return self.agreements[reference]
