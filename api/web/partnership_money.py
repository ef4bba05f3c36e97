"""A partnership's money as pages: the pooled DHR budgets it holds itself, and the pots held for
its region that it pays into.

Fewer than half of areas have a formal cost-sharing agreement for reviews; where one exists it
is usually the partnership's own pot, held by the council for its police, health and probation
partners. Its officers open the pot, name its partners, plan what each year's money is for
(an amount, or so much per DHR for the reviews expected), record contributions agreed and
received and spend against the plan, for one of their reviews or for running costs; and read
the year on the cash and accruals bases with a forecast, and its board paper. Each page runs
the use case the API's ``/api/v1/tenants/{tenant}/funding/pooled-budgets/...`` runs
(``PartnershipLedger.pooled``); a refusal shows on the page and nothing is recorded.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any
from uuid import UUID

from flask import Blueprint, g, render_template, url_for
from flask_wtf import FlaskForm
from wtforms.validators import Optional

from api.context import platform, requires, tenant_ledger
from api.policy import Decision, Permission, decide
from api.resources.region_common import region_ledger
from api.web import navigation, pots
from api.web.fields import FormPage, GovDate, Pounds, field_for, text, text_input
from api.web.formatting import money
from api.web.pots import Words
from domain.calendar import uk_today
from domain.errors import InvalidValueError
from domain.funding import BudgetKind, FinancialYear
from tenants.ledger import PartnershipLedger
from tenants.users import Role

bp = Blueprint("partnership_money", __name__)
MONEY = "/partnerships/<tenant>/money"
POT = f"{MONEY}/<uuid:pool>"
RECORD, READ = Permission.CASE_RECORD, Permission.CASE_READ

navigation.section(
    "Money",
    "web.partnership_money.index",
    {Role.CSP_OFFICER, Role.CSP_LEAD},
    lambda user: {"tenant": user.tenants[0]},
    order=40,
)


class OpenPotForm(FlaskForm):
    reference = text(
        "Reference", "Enter the pooled budget's reference", "For example DHR-POOL.", 40, width=10
    )
    name = text(
        "Name", "Enter the pooled budget's name", "For example Charnwood DHR pooled budget.", 200
    )
    manager = text(
        "Managed by",
        "Enter who manages the pooled budget",
        "For example the council's community safety team.",
        200,
    )
    on = GovDate("Date the pooled budget was opened", "opening the pooled budget")


class PartnerForm(FlaskForm):
    name = text(
        "Partner",
        "Enter the partner's name",
        "A body that pays in, for example Leicestershire Police or the county council.",
        200,
    )
    on = GovDate("Date the partner joined", "joining")


class AllocationForm(FlaskForm):
    """What a year's money is for: an amount outright, or so much per DHR for those expected."""

    year = text("Financial year", "Enter the financial year", "For example 2016/17.", 9, width=5)
    purpose = text(
        "What it is for",
        "Enter what the money is for",
        "For example 'Business office' or 'Chairs and authors'.",
        200,
    )
    amount = Pounds(
        "Amount for the year, in pounds",
        "the amount for the year",
        required=False,
        description="Leave empty when it is so much per DHR.",
    )
    per_dhr = Pounds(
        "Or an amount per DHR, in pounds",
        "the amount per DHR",
        required=False,
        description="For example 8500 for a chair and an author.",
    )
    expected_dhrs = text_input(
        "DHRs expected in the year",
        Optional(),
        hint="With an amount per DHR, for example 3 or 2.5.",
        width=3,
    )
    on = GovDate("Date it was planned", "the plan")


OPEN = Words(
    "Open a pooled budget",
    "A pot the partnership holds for its partners' contributions to the cost of reviews.",
    "Open the pooled budget",
    "opened",
    "opening the pooled budget",
)
ADD_PARTNER = Words(
    "Add a partner",
    "A body that pays into the pot; its contributions are agreed and received by year.",
    "Add the partner",
    "added",
    "joining",
)
PLAN = Words(
    "Plan an allocation",
    "What part of a year's money is for: an amount outright, or so much per DHR.",
    "Record the plan",
    "planned",
    "the plan",
)


@bp.route(MONEY)
@requires(READ)
def index(tenant: str) -> Any:
    """The partnership's own pooled budgets and the region's pots it pays into."""
    with tenant_ledger(tenant, writing=False) as ledger:
        own = [
            (b, ledger.pooled.get(b.budget_id))
            for b in ledger.funding.budgets()
            if b.kind == BudgetKind.POOLED_BUDGET
        ]
    found = platform().registry.tenant(tenant)
    with region_ledger(found.region, writing=False) as region:
        shared = [
            b
            for b in region.funding.budgets()
            if b.kind == BudgetKind.POOLED_BUDGET
            and tenant in region.pooled.partner_tenants(b.budget_id)
        ]
    return render_template(
        "money/index.html",
        tenant=found,
        region=platform().registry.region(found.region),
        own=own,
        shared=shared,
        can_record=_can_record(),
    )


@bp.route(f"{MONEY}/new", methods=["GET", "POST"])
@requires(RECORD)
def open_pot(tenant: str) -> Any:
    form = OpenPotForm()
    page = FormPage(form, lambda problem: field_for(form, problem) or form.reference)
    if page.submitted():
        with page.refusals(), tenant_ledger(tenant) as ledger:
            pool = ledger.pooled.open(
                form.reference.data.strip(),
                form.name.data.strip(),
                form.manager.data.strip(),
                pots.day(form),
            )
            return pots.done(f"{form.name.data.strip()} {OPEN.done}", _pot_url(tenant, pool))
    back = url_for("web.partnership_money.index", tenant=tenant), "money"
    return pots.render(page, OPEN, platform().registry.tenant(tenant).name, back)


@bp.route(POT)
@requires(READ)
def pot(tenant: str, pool: UUID) -> Any:
    """A pooled budget's partners, what the year is planned for, its year on both bases and a
    forecast."""
    with tenant_ledger(tenant, writing=False) as ledger:
        found = ledger.pooled.get(pool)
        year = pots.year_on_page(ledger, pool)
        shown = FinancialYear.parse(year["statement"].cash.year)
        planned = [
            a for a in ledger.pooled.allocation_plan(pool).allocations.values() if a.year == shown
        ]
    return render_template(
        "money/pot.html",
        tenant=platform().registry.tenant(tenant),
        pot=found,
        names=dict(found.partners),
        planned=sorted(planned, key=lambda a: a.purpose),
        record_links=pots.record_links(bp.name, tenant=tenant, pool=pool) if _can_record() else [],
        can_record=_can_record(),
        **year,
    )


@bp.route(f"{POT}/partners/new", methods=["GET", "POST"])
@requires(RECORD)
def add_partner(tenant: str, pool: UUID) -> Any:
    form = PartnerForm()
    page = FormPage(form, lambda problem: field_for(form, problem) or form.name)
    name = _pot_name(tenant, pool)
    if page.submitted():
        partner = form.name.data.strip()
        with page.refusals(), tenant_ledger(tenant) as ledger:
            ledger.pooled.add_partner(pool, _key(partner, "partner"), partner, pots.day(form))
            return pots.done(f"{partner} {ADD_PARTNER.done}", _pot_url(tenant, pool))
    return pots.render(page, ADD_PARTNER, name, (_pot_url(tenant, pool), "the pooled budget"))


@bp.route(f"{POT}/allocations/new", methods=["GET", "POST"])
@requires(RECORD)
def plan(tenant: str, pool: UUID) -> Any:
    form = AllocationForm()
    page = FormPage(form, lambda problem: field_for(form, problem) or form.amount)
    name = _pot_name(tenant, pool)
    if page.submitted():
        year, purpose = form.year.data.strip(), form.purpose.data.strip()
        dhrs = (form.expected_dhrs.data or "").strip() or None
        named: dict[str, str] = {}  # purpose -> key, for a refusal to name the purpose
        with page.refusals(), tenant_ledger(tenant) as ledger:
            key = named[purpose] = _allocation_key(ledger, pool, purpose)
            ledger.pooled.plan_allocation(
                pool,
                year,
                key,
                purpose,
                pots.day(form),
                amount=form.amount.pence,
                per_dhr=form.per_dhr.pence,
                expected_dhrs=dhrs,
            )
            planned = ledger.pooled.allocation_plan(pool).allocations
            total = planned[FinancialYear.parse(year), key].amount
            return pots.done(
                f"{money(total)} {PLAN.done} for {purpose} in {year}",
                _pot_url(tenant, pool, year),
            )
        pots.name_keys(page, {key: purpose for purpose, key in named.items()})
    if not form.year.data:
        form.year.data = FinancialYear.of(uk_today()).label
    return pots.render(page, PLAN, name, (_pot_url(tenant, pool), "the pooled budget"))


def _keeper(tenant: str) -> pots.Keeper:
    """A pot in the partnership's own books: partners named as the pot names them, spend for
    one of the partnership's own reviews."""
    name = platform().registry.tenant(tenant).name

    def spent(
        ledger: PartnershipLedger,
        pool: UUID,
        allocation: str,
        pence: int,
        day: date,
        reason: str,
        review: UUID | None,
        _tenant: str | None,
    ) -> None:
        ledger.pooled.spend(pool, allocation, pence, day, reason, review)

    return pots.Keeper(
        lambda writing: tenant_ledger(tenant, writing=writing),
        lambda _ledger, found: dict(found.partners),
        lambda ledger, _pot: pots.reviews_of(ledger, tenant, name),
        lambda pool, year: _pot_url(tenant, pool, year),
        spent,
    )


pots.add_recording_pages(bp, POT, RECORD, _keeper)


def _allocation_key(ledger: PartnershipLedger, pool: UUID, purpose: str) -> str:
    """The key spend is recorded against: an earlier year's, when it was planned for the same
    purpose (so a year's "Business office" and the next's are one line), else made from it."""
    for planned in ledger.pooled.allocation_plan(pool).allocations.values():
        if planned.purpose.casefold() == purpose.casefold():
            return planned.key
    return _key(purpose, "purpose")


def _key(name: str, what: str) -> str:
    """A short key made from a name ("Leicestershire Police" -> "leicestershire-police"), which
    the ledger keeps money under; a name with no letter or digit is refused."""
    key = re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")[:60]
    if not key:
        raise InvalidValueError(f"The {what} needs a letter or a digit.")
    return key


def _pot_url(tenant: str, pool: UUID, year: str | None = None) -> str:
    return url_for("web.partnership_money.pot", tenant=tenant, pool=pool, year=year)


def _pot_name(tenant: str, pool: UUID) -> str:
    with tenant_ledger(tenant, writing=False) as ledger:
        return str(ledger.pooled.get(pool).name)


def _can_record() -> bool:
    return decide(g.user, RECORD, True) == Decision.ALLOW
