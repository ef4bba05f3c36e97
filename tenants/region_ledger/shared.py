"""The work partnerships share, one service each: commissioning budgets
(``region.commissioning``), commissioned services (``region.services``), groups with a master
action plan (``region.groups``), and demand figures (``region.demand``). Partners are checked against the
region's directory before anything is recorded, and an area or a funder against the sectors
that may be one (``domain.region.partners``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any, ClassVar, Generic, Protocol, TypeVar
from uuid import UUID

from domain.errors import InvalidValueError
from domain.funding import FinancialYear
from domain.region import (
    CommissionedService,
    CommissioningBudget,
    DemandRecord,
    PartnershipGroup,
)
from domain.region.partners import AREAS, FUNDERS
from tenants.application import LedgerApplication
from tenants.ledger.service import changing
from tenants.region_ledger.partners import Partners, RegionService


class PartnerChecked(RegionService):
    def __init__(
        self,
        app: LedgerApplication,
        region_slug: str,
        region_tenants: Callable[[], set[str]],
        partners: Partners,
    ) -> None:
        super().__init__(app, region_slug, region_tenants)
        self.partners = partners

    def check_partner(self, key: str) -> None:
        self.partners.check(key)

    def check_area(self, key: str) -> None:
        """A partnership or a council of the directory (``AREAS``), as the pages offer."""
        self.partners.directory().get_of(key, AREAS, "an area")

    def check_funder(self, key: str) -> None:
        """A body of the directory that may fund a service (``FUNDERS``), as the pages offer."""
        self.partners.directory().get_of(key, FUNDERS, "a funder of a service")


class Referenced(Protocol):
    """A kind of the region's records whose id derives from its reference (or key)."""

    @staticmethod
    def create_id(reference: str, /) -> UUID: ...


R = TypeVar("R", bound=Referenced)


class Register(PartnerChecked, Generic[R]):
    """A service keeping one kind of the region's records, each found by its reference:
    ``kept`` is the kind, ``first`` the event that starts one, ``what`` its name where none is
    found. A region holds a handful of each, so ``all`` reads them all."""

    kept: ClassVar[type[Any]]
    first: ClassVar[type]
    what: ClassVar[str]

    def all(self, at: datetime | None = None) -> list[R]:
        """Every one, in the order they were started (``at``: as recorded by then)."""
        return self.every(self.first, at)

    def get(self, reference: str, at: datetime | None = None) -> R:
        """The one with ``reference`` (``at``: as recorded by then), or a not-found error."""
        found: R = self.stored(self.kept, self.kept.create_id(reference), self.what, at)
        return found


class Commissioning(Register[CommissioningBudget]):
    kept, what = CommissioningBudget, "commissioning budget"
    first = CommissioningBudget.Opened  # type: ignore[attr-defined]

    def open(self, reference: str, name: str, lead: str, on: date) -> CommissioningBudget:
        self.check_partner(lead)
        budget = CommissioningBudget.open(reference, name, lead, on)
        return self.save_new(budget, f"commissioning budget '{reference}'")

    def budget_year(
        self,
        reference: str,
        year: str,
        annual_value: int,
        minimums: Iterable[tuple[str, int]],
        on: date,
    ) -> CommissioningBudget:
        floors = list(minimums)
        for area, _ in floors:
            self.check_area(area)
        budget = self.get(reference)
        self.perform(budget.budget_year, FinancialYear.parse(year), annual_value, floors, on)
        return budget

    def allocate(
        self, reference: str, year: str, area: str, amount: int, purpose: str, on: date
    ) -> CommissioningBudget:
        self.check_area(area)
        budget = self.get(reference)
        self.perform(budget.allocate, FinancialYear.parse(year), area, amount, purpose, on)
        return budget

    def correct(
        self, reference: str, field: str, value: object, reason: str
    ) -> CommissioningBudget:
        """A figure keyed wrong put right; an allocation moved to another area names an
        area of the directory, as the allocation had to."""
        if isinstance(field, str) and field.endswith(".area") and isinstance(value, str):
            self.check_area(value.strip())
        budget = self.get(reference)
        self.perform(budget.correct, field, value, reason)
        return budget


class Services(Register[CommissionedService]):
    kept, what = CommissionedService, "commissioned service"
    first = CommissionedService.Opened  # type: ignore[attr-defined]

    def open(
        self, reference: str, name: str, provider: str, area: str, on: date
    ) -> CommissionedService:
        self.check_partner(provider)
        self.check_area(area)
        service = CommissionedService.open(reference, name, provider, area, on)
        return self.save_new(service, f"commissioned service '{reference}'")

    def agree_funding(
        self,
        reference: str,
        agreement: str,
        starts_on: date,
        ends_on: date,
        annual_value: int,
        shares: Iterable[tuple[str, int]],
    ) -> CommissionedService:
        parts = list(shares)
        for funder, _ in parts:
            self.check_funder(funder)
        service = self.get(reference)
        self.perform(service.agree_funding, agreement, starts_on, ends_on, annual_value, parts)
        return service

    def extend_funding(
        self, reference: str, agreement: str, ends_on: date, reason: str
    ) -> CommissionedService:
        service = self.get(reference)
        self.perform(service.extend, agreement, ends_on, reason)
        return service

    def hand_over(
        self, reference: str, provider: str, on: date, reason: str
    ) -> CommissionedService:
        self.check_partner(provider)
        service = self.get(reference)
        self.perform(service.hand_over, provider, on, reason)
        return service

    plan_milestone = changing(Register.get, CommissionedService.plan_milestone)
    reach_milestone = changing(Register.get, CommissionedService.reach_milestone)

    def pay(
        self, reference: str, agreement: str, funder: str, amount: int, on: date
    ) -> CommissionedService:
        service = self.get(reference)
        self.perform(service.pay, agreement, funder, amount, on)
        return service

    correct = changing(Register.get, CommissionedService.correct)


class Groups(Register[PartnershipGroup]):
    kept, what = PartnershipGroup, "group"
    first = PartnershipGroup.Formed  # type: ignore[attr-defined]

    def form(
        self, key: str, name: str, kind: str, owner: str, members: Iterable[str], on: date
    ) -> PartnershipGroup:
        self.check_partner(owner)
        tenants = self.region_tenants()
        found = list(members)
        strangers = [m for m in found if m not in tenants]
        if strangers:
            raise InvalidValueError(
                f"Not partnerships of region {self.region_slug!r}: {', '.join(strangers)}; "
                f"its partnerships: {', '.join(sorted(tenants))}."
            )
        group = PartnershipGroup.form(key, name, kind, owner, found, on)
        return self.save_new(group, f"group '{key}'")

    def joined_by(self, tenant: str) -> list[PartnershipGroup]:
        """The groups a partnership is a member of: whose master plans it shares."""
        return [g for g in self.all() if tenant in g.members]

    def add_item(
        self, key: str, reference: str, text: str, owner: str, due_on: date | None, on: date
    ) -> PartnershipGroup:
        self.check_partner(owner)
        group = self.get(key)
        self.perform(group.add_item, reference, text, owner, due_on, on)
        return group

    update_item = changing(Register.get, PartnershipGroup.update_item)


class Demand(PartnerChecked):
    def get(self) -> DemandRecord:
        return self.find_or(DemandRecord.create_id(), DemandRecord, DemandRecord)

    def record(
        self, indicator: str, area: str, period: str, value: int, on: date, reason: str = ""
    ) -> DemandRecord:
        if area != self.region_slug:
            self.check_partner(area)
        record = self.get()
        self.perform(record.record, indicator, area, period, value, on, reason)
        return record
