"""The OPCC's money as pages: open a budget line, record a decision of the PCC, allocate part
of it to a partnership and record what was paid, from the region ledger page; and, on a pot's
page, agree a partner's contribution for a year, record one received and record spend (for
one review of a partner partnership, chosen by its reference, or for the pot's running costs).

OPCC staff keep these in spreadsheets and decision notices, not in an API client. Each page
runs the same use case as the API's ``/api/v1/regions/{region}/ledger/budget-lines/...`` and
``.../pooled-budgets/...`` (``RegionLedger.funding``, ``RegionLedger.pooled``); the ledger's
refusal (over the ceiling, more than approved, a partnership outside the region) shows in the
error summary and nothing is recorded.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, cast
from uuid import UUID

from flask import Blueprint, flash, redirect, request, url_for
from flask_wtf import FlaskForm
from wtforms import SelectField
from wtforms.validators import InputRequired

from api.context import platform, requires
from api.policy import Permission
from api.resources.region_common import region_ledger
from api.web.fields import FormPage, GovDate, Pounds, field_for, long_text, select, text
from api.web.formatting import money
from api.web.shared_money import partner_names
from domain.calendar import uk_today
from domain.funding import FinancialYear
from tenants.region_ledger import RegionLedger

bp = Blueprint("region_money", __name__)
WRITE = Permission.REGION_LEDGER_WRITE
LINE = "/regions/<region>/ledger/budget-lines"
POT = "/regions/<region>/pots/<uuid:pool>"


class OpenLineForm(FlaskForm):
    reference = text(
        "Reference", "Enter the budget line's reference", "For example ITS-2013-14.", 40, width=10
    )
    name = text("Name", "Enter the budget line's name", "For example Invest to Save 2013-14.", 200)
    owner = text(
        "Held by", "Enter who holds the budget line", "For example the OPCC finance team.", 200
    )
    financial_year = text(
        "Financial year", "Enter the financial year", "For example 2013/14.", 9, width=5
    )
    ceiling = Pounds("Most it can commit, in pounds", "the most it can commit")
    on = GovDate("Date the line was opened", "opening the line")


class DecisionForm(FlaskForm):
    number = text(
        "Decision number", "Enter the decision number", "For example 036/2013.", 40, width=10
    )
    decision_maker = text(
        "Decided by",
        "Enter who made the decision",
        "For example Police and Crime Commissioner.",
        200,
    )
    approved = Pounds("Amount approved, in pounds", "the amount approved")
    conditions = long_text(
        "Conditions", None, "One condition a line. Leave empty if there are none.", 4000
    )
    on = GovDate("Date of the decision", "the decision")


class MoneyForm(FlaskForm):
    """An allocation or a payment: which decision, to which partnership, how much, when."""

    number = select("Decision", InputRequired("Select the decision"))
    tenant = select("Partnership", InputRequired("Select the partnership"))
    amount = Pounds("Amount, in pounds", "the amount")
    on = GovDate("Date", "the allocation")


class ContributionForm(FlaskForm):
    """A partner's contribution to a pot for a financial year: agreed, or received."""

    partner = select("Partner", InputRequired("Select the partner"))
    year = text("Financial year", "Enter the financial year", "For example 2016/17.", 9, width=5)
    amount = Pounds("Amount, in pounds", "the amount")
    on = GovDate("Date", "the contribution")


class SpendForm(FlaskForm):
    allocation = select("What it pays for", InputRequired("Select what the spend pays for"))
    review = select(
        "For which review",
        hint="The partnership's case reference, when the spend is for one DHR.",
    )
    amount = Pounds("Amount, in pounds", "the amount")
    on = GovDate("Date of the spend", "the spend")
    reason = long_text(
        "What was bought",
        "Enter what the money was spent on",
        "For example 'Chair's fee, first panel'.",
        2000,
    )


def _render(
    page: FormPage, region: str, words: Words, caption: str, back: tuple[str, str] | None = None
) -> Any:
    """The question page; ``back`` is (address, its name), the region ledger unless given."""
    href, named = back or (url_for("web.shared.ledger", region=region), "the region ledger")
    return page.render(
        "shared/money_form.html",
        title=words.title,
        lede=words.lede,
        button=words.button,
        caption=caption,
        back=href,
        back_name=named,
    )


def _dated(form: Any, words: Words) -> None:
    """Name the form's date for what it records: "Date of the payment"."""
    form.on.what = words.dated
    form.on.label.text = f"Date of {words.dated}"


def _pot_page(region: str, pool: UUID) -> tuple[str, str]:
    return url_for("web.shared.pot", region=region, pool=pool), "the pot"


def _done(region: str, message: str, to: str | None = None) -> Any:
    flash(message)
    return redirect(to or url_for("web.shared.ledger", region=region))


@dataclass(frozen=True)
class Words:
    """What one of a pair of like pages says: heading, lede, button, the confirmation's verb
    ("allocated to") and the name of its date ("the allocation")."""

    title: str
    lede: str
    button: str
    done: str
    dated: str


Use = Callable[[RegionLedger], Callable[..., None]]

OPEN_LINE = Words(
    "Open a budget line",
    "A fund the office commits from in one financial year, such as Invest to Save.",
    "Open the budget line",
    "opened",
    "opening the line",
)
DECIDE = Words(
    "Record a decision",
    "A numbered decision of the Police and Crime Commissioner to commit money from this line.",
    "Record the decision",
    "recorded",
    "the decision",
)
SPEND = Words(
    "Record spend",
    "Money out of the pot against what the allocation plan sets aside.",
    "Record the spend",
    "spent on",
    "the spend",
)


@bp.route(f"{LINE}/new", methods=["GET", "POST"])
@requires(WRITE)
def open_line(region: str) -> Any:
    form = OpenLineForm()
    page = FormPage(form, lambda problem: field_for(form, problem) or form.financial_year)
    if page.submitted():
        with page.refusals(), region_ledger(region) as ledger:
            ledger.funding.open_line(
                form.reference.data.strip(),
                form.name.data.strip(),
                form.owner.data.strip(),
                form.financial_year.data.strip(),
                form.ceiling.pence or 0,
                _day(form),
            )
            return _done(region, f"Budget line {form.name.data.strip()} {OPEN_LINE.done}")
    return _render(page, region, OPEN_LINE, platform().registry.region(region).name)


@bp.route(f"{LINE}/<uuid:line>/decisions/new", methods=["GET", "POST"])
@requires(WRITE)
def decide(region: str, line: UUID) -> Any:
    form = DecisionForm()
    page = FormPage(form, lambda problem: field_for(form, problem) or form.approved)
    name = _line_name(region, line)
    if page.submitted():
        conditions = [c.strip() for c in (form.conditions.data or "").splitlines() if c.strip()]
        with page.refusals(), region_ledger(region) as ledger:
            ledger.funding.decide(
                line,
                form.number.data.strip(),
                _day(form),
                form.decision_maker.data.strip(),
                form.approved.pence or 0,
                None,
                conditions,
            )
            return _done(region, f"Decision {form.number.data.strip()} {DECIDE.done} on {name}")
    return _render(page, region, DECIDE, name)


ALLOCATE = Words(
    "Allocate to a partnership",
    "Part of a decision's approved money, set aside for one partnership.",
    "Record the allocation",
    "allocated to",
    "the allocation",
)
PAY = Words(
    "Record a payment",
    "Money paid to a partnership against what was allocated to it.",
    "Record the payment",
    "paid to",
    "the payment",
)


@bp.route(f"{LINE}/<uuid:line>/allocations/new", methods=["GET", "POST"])
@requires(WRITE)
def allocate(region: str, line: UUID) -> Any:
    return _money(region, line, ALLOCATE, lambda ledger: ledger.funding.allocate)


@bp.route(f"{LINE}/<uuid:line>/payments/new", methods=["GET", "POST"])
@requires(WRITE)
def pay(region: str, line: UUID) -> Any:
    return _money(region, line, PAY, lambda ledger: ledger.funding.pay)


def _money(region: str, line: UUID, words: Words, use: Use) -> Any:
    """An allocation or a payment: ``use(ledger)(line, number, tenant, pence, date)``."""
    form = MoneyForm()
    _dated(form, words)
    with region_ledger(region, writing=False) as ledger:
        budget = ledger.funding.line(line)
        partners = {p.tenant: p.name for p in ledger.partners.all() if p.tenant}
    decisions = budget.decisions.items()
    _choose(form.number, [(n, f"{n} ({money(d.approved)} approved)") for n, d in decisions])
    _choose(form.tenant, sorted(partners.items(), key=lambda item: item[1]))
    page = FormPage(form, lambda problem: field_for(form, problem) or form.amount)
    if page.submitted():
        number, tenant, pence = form.number.data, form.tenant.data, form.amount.pence or 0
        with page.refusals(), region_ledger(region) as writing:
            use(writing)(line, number, tenant, pence, _day(form))
            return _done(
                region,
                f"{money(pence)} {words.done} {partners[tenant]} under decision {number}",
            )
    _name_partners(page, partners)
    return _render(page, region, words, budget.name)


AGREE = Words(
    "Agree a contribution",
    "What a partner has agreed to pay into the pot for a financial year.",
    "Record the agreement",
    "agreed with",
    "the agreement",
)
RECEIVE = Words(
    "Record a contribution received",
    "Money a partner paid into the pot, for the financial year it counts towards (it may come "
    "early, for a later year).",
    "Record the receipt",
    "received from",
    "the receipt",
)


@bp.route(f"{POT}/contributions/new", methods=["GET", "POST"])
@requires(WRITE)
def agree(region: str, pool: UUID) -> Any:
    return _contribution(region, pool, AGREE, lambda ledger: ledger.pooled.agree_contribution)


@bp.route(f"{POT}/receipts/new", methods=["GET", "POST"])
@requires(WRITE)
def receive(region: str, pool: UUID) -> Any:
    return _contribution(region, pool, RECEIVE, lambda ledger: ledger.pooled.receive_contribution)


@bp.route(f"{POT}/spend/new", methods=["GET", "POST"])
@requires(WRITE)
def spend(region: str, pool: UUID) -> Any:
    form = SpendForm()
    with region_ledger(region, writing=False) as ledger:
        pot = ledger.pooled.get(pool)
        partners = partner_names(ledger, pot)
        planned = ledger.pooled.allocation_plan(pool).allocations.values()
        directory = ledger.partners.directory().partners
        tenants = {t: partners[k] for k in pot.partners if (t := directory[k].tenant)}
    purposes = {a.key: a.purpose for a in planned}
    _choose(form.allocation, sorted((k, f"{p} ({k})") for k, p in purposes.items()))
    reviews = _reviews_of(tenants)
    form.review.choices = [("", "Not for one review")] + [(v, label) for v, label in reviews]
    page = FormPage(form, lambda problem: field_for(form, problem) or form.allocation)
    if page.submitted():
        tenant, _, review = (form.review.data or "").partition("|")
        with page.refusals(), region_ledger(region) as writing:
            writing.pooled.spend(
                pool,
                form.allocation.data,
                form.amount.pence or 0,
                _day(form),
                (form.reason.data or "").strip(),
                UUID(review) if review else None,
                tenant or None,
            )
            year = FinancialYear.of(_day(form)).label
            return _done(
                region,
                f"{money(form.amount.pence)} {SPEND.done} {purposes[form.allocation.data]}",
                url_for("web.shared.pot", region=region, pool=pool, year=year),
            )
    _name_partners(page, partners)
    return _render(page, region, SPEND, pot.name, _pot_page(region, pool))


def _reviews_of(tenants: dict[str, str]) -> list[tuple[str, str]]:
    """Each partner partnership's reviews as choices: "tenant|review id", "Blaby: BLA-01"."""
    found = []
    for tenant, name in sorted(tenants.items(), key=lambda item: item[1]):
        with platform().ledgers.lease(tenant, writing=False) as ledger:
            index = ledger.reviews.index()
        found += [
            (f"{tenant}|{rid}", f"{name}: {reference}")
            for reference, rid in zip(index.references, index.review_ids, strict=True)
        ]
    return found


def _contribution(region: str, pool: UUID, words: Words, use: Use) -> Any:
    """A contribution agreed or received: ``use(ledger)(pool, partner, year, pence, date)``."""
    form = ContributionForm()
    _dated(form, words)
    with region_ledger(region, writing=False) as ledger:
        pot = ledger.pooled.get(pool)
        partners = partner_names(ledger, pot)
    _choose(form.partner, sorted(partners.items(), key=lambda item: item[1]))
    if request.method == "GET" and not form.year.data:
        form.year.data = FinancialYear.of(uk_today()).label
    page = FormPage(form, lambda problem: field_for(form, problem) or form.year)
    if page.submitted():
        partner, year, pence = form.partner.data, form.year.data.strip(), form.amount.pence or 0
        with page.refusals(), region_ledger(region) as writing:
            use(writing)(pool, partner, year, pence, _day(form))
            return _done(
                region,
                f"{money(pence)} {words.done} {partners[partner]} for {year}",
                url_for("web.shared.pot", region=region, pool=pool, year=year),
            )
    _name_partners(page, partners)
    return _render(page, region, words, pot.name, _pot_page(region, pool))


def _name_partners(page: FormPage, names: dict[str, str]) -> None:
    """A refusal speaks of partners by key ('charnwood'), as the API does; a page by name."""
    for key, name in names.items():
        if page.problem:
            page.problem = page.problem.replace(f"'{key}'", name)


def _day(form: Any) -> date:
    """The form's date, there once the form is valid."""
    return cast(date, form.on.data)


def _choose(field: SelectField, choices: list[tuple[str, str]]) -> None:
    """A select's choices with an empty first option, so nothing is chosen by default."""
    field.choices = [("", "Choose")] + choices


def _line_name(region: str, line: UUID) -> str:
    with region_ledger(region, writing=False) as ledger:
        return str(ledger.funding.line(line).name)
