"""A partnership's money as pages: the pooled DHR budgets it holds itself, and the pots held for
its region that it pays into.

Fewer than half of areas have a formal cost-sharing agreement for reviews; where one exists it
is usually the partnership's own pot, held by the council for its police, health and probation
partners. Its officers open the pot, name its partners, plan what each year's money is for
(an amount, or so much per DHR for the reviews expected), record contributions agreed,
received or not called and spend against the plan, for one of their reviews or for running
costs; the lead closes the year (its reserve carried forward) or reopens it; and everyone of
the partnership reads the year on the cash and accruals bases with a forecast, and its board
paper. The Money page also shows what the region's ledger holds for the partnership's own area
(``own_area``): grants the Commissioner allocated to it and what was paid, the minimum a joint
commissioning budget must spend there and the services bought for it. Each page runs
the use case the API's ``/api/v1/tenants/{tenant}/funding/pooled-budgets/...`` runs
(``PartnershipLedger.pooled``); a refusal shows on the page and nothing is recorded.
"""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Any
from uuid import UUID

from flask import Blueprint, render_template, url_for
from flask_wtf import FlaskForm

from api.context import may, platform, requires, tenant_ledger
from api.policy import Permission
from api.resources.region_common import region_ledger
from api.tables.bodies import SET_ASIDE, costs_recorded, over_estimate, review_costs
from api.web import navigation, pot_questions, pots, questions
from api.web.fields import GovDate, text
from api.web.formatting import money
from api.web.navigation import PARTNERSHIP_STAFF as STAFF
from api.web.navigation import own_partnership
from api.web.questions import Words
from domain.calendar import uk_today
from domain.errors import DomainError
from domain.funding import BudgetKind, FinancialYear
from domain.funding.accruals import Debtor
from tenants.ledger import PartnershipLedger
from tenants.region_ledger import RegionLedger
from tenants.region_ledger.own_area import own_area
from tenants.unreadable import LeftOut

bp = Blueprint("partnership_money", __name__)
MONEY = "/partnerships/<tenant>/money"
POT = f"{MONEY}/<uuid:pool>"
RECORD, READ = Permission.CASE_RECORD, Permission.CASE_READ
WHO = {
    pots.RECORDS: RECORD,
    pots.SIGNS_OFF: Permission.CASE_SIGN_OFF,
    pots.CORRECTS: Permission.CORRECT,
}

navigation.section("Money", "web.partnership_money.index", STAFF, own_partnership, order=40)


class PartnerForm(FlaskForm):
    name = text(
        "Partner",
        "Enter the partner's name",
        "A body that pays in, for example Leicestershire Police or the county council.",
        200,
    )
    on = GovDate("Date the partner joined", "joining")


ADD_PARTNER = Words(
    "Add a partner",
    "A body that pays into the pot; its contributions are agreed and received by year.",
    "Add the partner",
    "added",
    "joining",
)


@bp.route(MONEY)
@requires(READ)
def index(tenant: str) -> Any:
    """The partnership's own pooled budgets, what its reviews cost, the region's pots it pays
    into, and what the region's ledger holds for its area (grants, joint commissioning). A pot
    or a review whose stored events cannot all be read is left out, logged by id, and counted
    in its own section, so one altered event does not take the page down; a pot held for the
    region that cannot be read is counted too, since the partnership may pay into it."""
    left_out = LeftOut("the Money page", tenant)
    pots_left_out = LeftOut("the Money page's pooled budgets", tenant)
    with tenant_ledger(tenant, writing=False) as ledger:
        own = [
            (b, pot)
            for b in ledger.funding.budgets()
            if b.kind == BudgetKind.POOLED_BUDGET
            and (pot := pots_left_out.load(b.budget_id, partial(ledger.pooled.get, b.budget_id)))
            is not None
        ]
        costs = costs_recorded(review_costs(ledger, left_out=left_out))
    found = platform().registry.tenant(tenant)
    region_left_out = LeftOut("the Money page's pots held for the region", f"@{found.region}")
    with region_ledger(found.region, writing=False) as region:
        shared = [
            b
            for b in region.funding.budgets()
            if b.kind == BudgetKind.POOLED_BUDGET
            and tenant
            in (
                region_left_out.load(
                    b.budget_id, partial(region.pooled.partner_tenants, b.budget_id)
                )
                or ()
            )
        ]
        area = own_area(region, tenant)
        year = FinancialYear.of(uk_today())
        paying = {b.budget_id: contributions_of(region, b.budget_id, tenant, year) for b in shared}
        latest = {b.budget_id: latest_agreed(region, b.budget_id, tenant) for b in shared}
    return render_template(
        "money/index.html",
        tenant=found,
        region=platform().registry.region(found.region),
        own=own,
        shared=shared,
        paying=paying,
        latest=latest,
        owing=[pool for pool, line in paying.items() if line and line.earlier],
        year=year.label,
        area=area,
        costs=costs,
        left_out=left_out.count,
        pots_left_out=pots_left_out.count,
        region_pots_left_out=region_left_out.count,
        over=over_estimate(costs),
        today=uk_today(),
        protective_marking=True,  # it lists reviews by reference with what each cost
        totals={
            key: sum(row[key] or 0 for row in costs)
            for key in ("agreed_cost_pence", "estimated_pence", "incurred_pence")
        },
        set_aside=set_aside_words(costs),
        can_record=may(RECORD),
    )


# What each figure set aside was counted as, in the words of the page's "In all" sentence.
_AS = {"agreed_set_aside_pence": "agreed", "estimate_set_aside_pence": "estimated"}
_FIGURE = {"agreed_set_aside_pence": "agreed cost", "estimate_set_aside_pence": "estimate"}


def set_aside_words(costs: list[Any]) -> str:
    """Which decommissioned reviews' agreed costs and estimates the "In all" sentence leaves
    out, each with its figures, and why: a lead asked why the totals fell can name them.
    Empty when no review is decommissioned with a figure to set aside."""
    keys = [k for k in SET_ASIDE.values() if any(row.get(k) for row in costs)]
    rows = [row for row in costs if any(row.get(k) for k in keys)]
    if not rows:
        return ""
    keys.sort(key=list(_AS).index)
    many = len(rows) > 1

    def figures(row: Any) -> str:
        if len(keys) == 1:
            return money(row[keys[0]])
        return ", ".join(f"{money(row[k])} {_AS[k]}" for k in keys if row.get(k))

    named = [f"{row['reference']} ({figures(row)})" for row in rows]
    listed = ", ".join(named[:-1]) + f" and {named[-1]}" if many else named[0]
    what = " and ".join(_FIGURE[k] + ("s" if many else "") for k in keys)
    one = not many and len(keys) == 1
    in_all = (
        ", "
        + " and ".join(f"{money(sum(r.get(k) or 0 for r in rows))} {_AS[k]}" for k in keys)
        + " in all,"
        if many
        else ""
    )
    return (
        f"The {what} of {listed} {'is' if one else 'are'} left out of what is "
        f"{' and '.join(_AS[k] for k in keys)}{in_all} because "
        f"{'those reviews were' if many else 'that review was'} decommissioned and will not "
        f"spend {'it' if one else 'them'}; what {'they' if many else 'it'} did incur still "
        "counts."
    )


def _own_keys(region: RegionLedger, pool: UUID, tenant: str) -> set[str]:
    """The pot's partner keys that are this partnership (its directory entry)."""
    listed = region.partners.directory().partners
    return {
        k for k in region.pooled.get(pool).partners if k in listed and listed[k].tenant == tenant
    }


def latest_agreed(region: RegionLedger, pool: UUID, tenant: str) -> str | None:
    """The latest year the partnership's contribution to a pot held for its region was agreed
    for (its label), so "Nothing agreed for 2026/27" can say where its last figures are."""
    keys = _own_keys(region, pool, tenant)
    years = [year for year, partner in region.pooled.get(pool).agreed if partner in keys]
    return max(years).label if years else None


def contributions_of(
    region: RegionLedger, pool: UUID, tenant: str, year: FinancialYear
) -> Debtor | None:
    """What the partnership was due to pay into a pot held for its region for ``year``, what
    it paid for the year and what it still owes, as the pot's page has it (accruals basis);
    None when the pot asks nothing of it that year (or has no statement for it yet)."""
    keys = _own_keys(region, pool, tenant)
    try:
        lines = region.pooled.accruals(pool, year).partners
    except DomainError:
        return None
    return next((line for line in lines if line.partner in keys), None)


@bp.route(f"{MONEY}/new", methods=["GET", "POST"])
@requires(RECORD)
def open_pot(tenant: str) -> Any:
    back = url_for("web.partnership_money.index", tenant=tenant), "money"
    return pot_questions.open_pot(_keeper(tenant), platform().registry.tenant(tenant).name, back)


@bp.route(POT)
@requires(READ)
def pot(tenant: str, pool: UUID) -> Any:
    """A pooled budget's partners, what the year is planned for, its year on both bases and a
    forecast."""
    with tenant_ledger(tenant, writing=False) as ledger:
        found = ledger.pooled.get(pool)
        year = pots.year_on_page(ledger, pool)
        spent_for = references(ledger, {m.review_id for _, m in year["movements"]})
    answers = {who for who, permission in WHO.items() if may(permission)}
    return render_template(
        "money/pot.html",
        tenant=platform().registry.tenant(tenant),
        pot=found,
        names=dict(found.partners),
        spent_for=spent_for,
        add_partner_link=url_for(".add_partner", tenant=tenant, pool=pool)
        if pots.RECORDS in answers
        else None,
        **year,
        **pots.links(bp.name, answers, year, tenant=tenant, pool=pool),
    )


def references(ledger: PartnershipLedger, reviews: set[UUID | None]) -> dict[UUID, str]:
    """The partnership's own reviews that spend was for, by id, as their case references: so
    the pot's page says which review a chair's fee paid for. A review that cannot be read is
    left unnamed (the spend still shows)."""
    named = {}
    for review in filter(None, reviews):
        try:
            named[review] = ledger.reviews.get(review).reference
        except DomainError:
            continue
    return named


@bp.route(f"{POT}/partners/new", methods=["GET", "POST"])
@requires(RECORD)
def add_partner(tenant: str, pool: UUID) -> Any:
    form = PartnerForm()

    def record(ledger: PartnershipLedger) -> str:
        partner = form.name.data.strip()
        key = questions.key_of(partner, "partner")
        ledger.pooled.add_partner(pool, key, partner, questions.day(form))
        return f"{partner} {ADD_PARTNER.done}"

    back = _pot_url(tenant, pool), "the pooled budget"
    asked = questions.Asked(partial(tenant_ledger, tenant), _pot_name(tenant, pool), back)
    return questions.ask(form, ADD_PARTNER, form.name, record, asked)


def _keeper(tenant: str) -> pot_questions.Keeper:
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

    return pot_questions.Keeper(
        lambda writing: tenant_ledger(tenant, writing=writing),
        lambda _ledger, found: dict(found.partners),
        lambda ledger, _pot: questions.review_choices(ledger, tenant, name),
        lambda pool, year: _pot_url(tenant, pool, year),
        spent,
    )


pots.add_pages(bp, POT, WHO, _keeper)


def _pot_url(tenant: str, pool: UUID, year: str | None = None) -> str:
    return url_for("web.partnership_money.pot", tenant=tenant, pool=pool, year=year)


def _pot_name(tenant: str, pool: UUID) -> str:
    with tenant_ledger(tenant, writing=False) as ledger:
        return str(ledger.pooled.get(pool).name)
