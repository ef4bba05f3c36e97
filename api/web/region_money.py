"""The OPCC's money as pages: open a budget line, record a decision of the PCC, allocate part
of it to a partnership and record what was paid, and open a pot, from the region ledger page;
and, on a pot's page, add a partner from the region's directory and the pot's questions
(``pots.py``, ``pot_questions.py``): a partner's contribution agreed, received, not called or
corrected, spend for one review of a partner partnership (chosen by its reference) or running
costs, a year's allocation planned or varied, the year closed or reopened.

OPCC staff keep these in spreadsheets and decision notices, not in an API client. Each page
runs the same use case as the API's ``/api/v1/regions/{region}/ledger/budget-lines/...`` and
``.../pooled-budgets/...`` (``RegionLedger.funding``, ``RegionLedger.pooled``); the ledger's
refusal (over the ceiling, more than approved, a partnership outside the region) shows in the
error summary and nothing is recorded."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any
from uuid import UUID

from flask import Blueprint, url_for
from flask_wtf import FlaskForm
from wtforms.validators import InputRequired

from api.context import platform, requires
from api.policy import Permission
from api.resources.region_common import region_ledger
from api.web import pot_questions, pots, questions
from api.web.asked import asks
from api.web.fields import (
    MORE_THAN_ZERO,
    GovDate,
    Pounds,
    long_text,
    select,
    text,
    why_wrong,
)
from api.web.formatting import long_date, money
from api.web.grant_forms import BusinessCaseForm
from api.web.pot_forms import OpenPotForm
from api.web.questions import Words, dated_form
from api.web.shared_money import partner_names
from domain.funding import BudgetLine
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
    ceiling = Pounds(
        "Most it can commit, in pounds", "the most it can commit", validators=[MORE_THAN_ZERO]
    )
    on = GovDate("Date the line was opened", "opening the line", happened=True)


class DecisionForm(FlaskForm):
    number = text(
        "Decision number", "Enter the decision number", "For example 036/2013.", 40, width=10
    )
    case_reference = select(
        "Business case",
        hint="The bid the decision answers: the amount sought is its costed lines added up. "
        "A direct award answers none, so nothing is sought.",
        default="",
    )
    decision_maker = text(
        "Decided by",
        "Enter who made the decision",
        "For example Police and Crime Commissioner.",
        200,
    )
    approved = Pounds("Amount approved, in pounds", "the amount approved")  # £0: none awarded
    conditions = long_text(
        "Conditions", None, "One condition a line. Leave empty if there are none.", 4000
    )
    on = GovDate("Date of the decision", "the decision", happened=True)


class MoneyForm(FlaskForm):
    """An allocation or a payment: which decision, to which partnership, how much, when."""

    number = select("Decision", InputRequired("Select the decision"))
    tenant = select("Partnership", InputRequired("Select the partnership"))
    amount = Pounds("Amount, in pounds", "the amount", validators=[MORE_THAN_ZERO])
    on = GovDate("Date", "the allocation", happened=True)


def _about(region: str, caption: str) -> questions.Asked:
    """A question on the region's money: recorded in its ledger, confirmed on the ledger page."""
    back = url_for("web.shared.ledger", region=region), "the region ledger"
    return questions.Asked(partial(region_ledger, region), caption, back)


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


@bp.route(f"{LINE}/new", methods=["GET", "POST"])
@requires(WRITE)
def open_line(region: str) -> Any:
    form = OpenLineForm()

    def record(ledger: RegionLedger) -> str:
        name = form.name.data.strip()
        ledger.funding.open_line(
            form.reference.data.strip(),
            name,
            form.owner.data.strip(),
            form.financial_year.data.strip(),
            form.ceiling.pence or 0,
            questions.day(form),
        )
        return f"Budget line {name} {OPEN_LINE.done}"

    asked = _about(region, platform().registry.region(region).name)
    return questions.ask(form, OPEN_LINE, form.financial_year, record, asked)


SUBMIT = Words(
    "Record a business case",
    "A bid for money from this line, with what each part of it costs: the amount it seeks is "
    "those costs added up, and a decision on it shows that amount as sought.",
    "Record the business case",
    "recorded",
    "the submission",
)


@bp.route(f"{LINE}/<uuid:line>/business-cases/new", methods=["GET", "POST"])
@requires(WRITE)
def submit_case(region: str, line: UUID) -> Any:
    form = BusinessCaseForm()
    budget, _ = _line(region, line)

    def record(ledger: RegionLedger) -> str:
        reference, costed = form.reference.data.strip(), form.costed()
        ledger.funding.submit_business_case(
            line,
            reference,
            form.title.data.strip(),
            form.submitted_by.data.strip(),
            costed,
            questions.day(form),
        )
        sought = money(sum(pence for _, pence in costed))
        return f"Business case {reference} {SUBMIT.done} on {budget.name}, seeking {sought}"

    return questions.ask(form, SUBMIT, form.reference, record, _about(region, budget.name))


@bp.route(f"{LINE}/<uuid:line>/decisions/new", methods=["GET", "POST"])
@requires(WRITE)
def decide(region: str, line: UUID) -> Any:
    form = DecisionForm()
    budget, _ = _line(region, line)
    name = budget.name
    _choose_case(form, budget)

    def record(ledger: RegionLedger) -> str:
        conditions = [c.strip() for c in (form.conditions.data or "").splitlines() if c.strip()]
        number = form.number.data.strip()
        ledger.funding.decide(
            line,
            number,
            questions.day(form),
            form.decision_maker.data.strip(),
            form.approved.pence or 0,
            form.case_reference.data or None,
            conditions,
        )
        return f"Decision {number} {DECIDE.done} on {name}"

    return questions.ask(form, DECIDE, form.approved, record, _about(region, name))


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
@asks(dated_form(MoneyForm, ALLOCATE))
@requires(WRITE)
def allocate(region: str, line: UUID) -> Any:
    return _money(region, line, ALLOCATE, lambda ledger: ledger.funding.allocate)


@bp.route(f"{LINE}/<uuid:line>/payments/new", methods=["GET", "POST"])
@asks(dated_form(MoneyForm, PAY))
@requires(WRITE)
def pay(region: str, line: UUID) -> Any:
    return _money(region, line, PAY, lambda ledger: ledger.funding.pay)


def _money(region: str, line: UUID, words: Words, use: Use) -> Any:
    """An allocation or a payment: ``use(ledger)(line, number, tenant, pence, date)``."""
    form = MoneyForm()
    questions.dated(form, words)
    budget, partners = _line(region, line)
    _choose_decision(form, budget)
    questions.choose(form.tenant, sorted(partners.items(), key=lambda item: item[1]))

    def record(ledger: RegionLedger) -> str:
        number, tenant, pence = form.number.data, form.tenant.data, form.amount.pence or 0
        use(ledger)(line, number, tenant, pence, questions.day(form))
        return f"{money(pence)} {words.done} {partners[tenant]} under decision {number}"

    asked = _about(region, budget.name)
    return questions.ask(form, words, form.amount, record, asked, partners)


class VaryForm(FlaskForm):
    number = select("Decision", InputRequired("Select the decision"))
    approved = Pounds(  # £0 when the award is withdrawn
        "Amount now approved, in pounds", "the amount now approved"
    )
    reason = long_text(
        "Why it was varied",
        "Say why the decision was varied",
        "For example, the PCC agreed a further review. Kept in the line's history.",
    )
    on = GovDate("Date of the variation", "the variation", happened=True)


VARY = Words(
    "Vary a decision",
    "A later decision of the Police and Crime Commissioner changing the amount approved, up or "
    "down: what is allocated and paid under it must fit the new amount.",
    "Record the variation",
    "varied",
    "the variation",
)


@bp.route(f"{LINE}/<uuid:line>/variations/new", methods=["GET", "POST"])
@requires(WRITE)
def vary_decision(region: str, line: UUID) -> Any:
    """Where an allocation over the approved amount is sent ("vary the decision first")."""
    form = VaryForm()
    budget, partners = _line(region, line)
    _choose_decision(form, budget)

    def record(ledger: RegionLedger) -> str:
        number, pence = form.number.data, form.approved.pence or 0
        reason = (form.reason.data or "").strip()
        ledger.funding.vary_decision(line, number, pence, questions.day(form), reason)
        return f"Decision {number} {VARY.done} to {money(pence)} approved"

    asked = _about(region, budget.name)
    return questions.ask(form, VARY, form.approved, record, asked, partners)


def _choose_case(form: DecisionForm, budget: BudgetLine) -> None:
    """The business cases still waiting for a decision, each with the amount it seeks, so the
    decision records what was sought; none chosen is a direct award."""
    waiting = [
        (c.reference, f"{c.reference}: {c.title} ({money(c.sought)} sought)")
        for c in budget.cases.values()
        if not c.withdrawn_on and not c.decision_number
    ]
    form.case_reference.choices = [("", "None: a direct award"), *waiting]


def _choose_decision(form: Any, budget: BudgetLine) -> None:
    """The line's decisions to choose from, each with what it approves now."""
    decisions = budget.decisions.items()
    questions.choose(
        form.number, [(n, f"{n} ({money(d.approved)} approved)") for n, d in decisions]
    )


class GrantCorrectionForm(FlaskForm):
    entry = select("Which allocation or payment", InputRequired("Select the allocation or payment"))
    amount = Pounds("The right amount, in pounds", "the right amount", validators=[MORE_THAN_ZERO])
    reason = why_wrong("the budget line's history")


CORRECT = Words.correction(
    "Correct an allocation or payment",
    "An allocation or payment recorded with the wrong amount: the right amount replaces it on "
    "the day it was recorded, and the correction stays in the line's history. A clawback is "
    "money returned, not a correction.",
)


@bp.route(f"{LINE}/<uuid:line>/corrections/new", methods=["GET", "POST"])
@requires(WRITE)
def correct_grant(region: str, line: UUID) -> Any:
    """Each allocation and payment, newest first, by whom it went to under which decision."""
    form = GrantCorrectionForm()
    budget, partners = _line(region, line)
    shown = {
        f"{kind}.{e.number}": f"{verb} {partners.get(e.tenant, e.tenant)} under decision "
        f"{e.decision_number} on {long_date(e.on)}: {money(e.amount)}"
        for kind, verb in (
            ("clawback", "Clawed back from"),
            ("payment", "Paid to"),
            ("allocation", "Allocated to"),
        )
        for e in reversed(budget.entries[kind])
    }
    questions.choose(form.entry, list(shown.items()))

    def record(ledger: RegionLedger) -> str:
        pence, reason = form.amount.pence or 0, (form.reason.data or "").strip()
        ledger.funding.correct(line, f"{form.entry.data}.amount", pence, reason)
        return f"{shown[form.entry.data].split(':')[0]} {CORRECT.done} to {money(pence)}"

    asked = _about(region, budget.name)
    return questions.ask(form, CORRECT, form.amount, record, asked, partners)


class PartnerForm(FlaskForm):
    partner = select(
        "Partner",
        InputRequired("Select the partner"),
        hint="A body in the region's directory: a partnership, the county council, the police.",
    )
    on = GovDate("Date the partner joined", "joining", happened=True)


ADD_PARTNER = Words(
    "Add a partner",
    "A body that pays into the pot; its contributions are agreed and received by year.",
    "Add the partner",
    "added to",
    "joining",
)


@bp.route("/regions/<region>/pots/new", methods=["GET", "POST"])
@asks(OpenPotForm)
@requires(WRITE)
def open_pot(region: str) -> Any:
    back = url_for("web.shared.ledger", region=region), "the region ledger"
    return pot_questions.open_pot(_keeper(region), platform().registry.region(region).name, back)


@bp.route(f"{POT}/partners/new", methods=["GET", "POST"])
@requires(WRITE)
def add_partner(region: str, pool: UUID) -> Any:
    """A body of the region's directory joins the pot (as named there)."""
    form = PartnerForm()
    with region_ledger(region, writing=False) as ledger:
        pot = ledger.pooled.get(pool)
        bodies = {p.key: p.name for p in ledger.partners.all() if p.key not in pot.partners}
    questions.choose(form.partner, sorted(bodies.items(), key=lambda item: item[1]))
    back = url_for("web.shared.pot", region=region, pool=pool), "the pot"

    def record(ledger: RegionLedger) -> str:
        ledger.pooled.add_partner(pool, form.partner.data, "", questions.day(form))
        return f"{bodies[form.partner.data]} {ADD_PARTNER.done} {pot.name}"

    asked = questions.Asked(partial(region_ledger, region), pot.name, back)
    return questions.ask(form, ADD_PARTNER, form.partner, record, asked)


def _keeper(region: str) -> pot_questions.Keeper:
    """A pot the OPCC hosts: partners named by the region's directory, spend for a review of
    any partner partnership (its reference among theirs)."""
    return pot_questions.Keeper(
        lambda writing: region_ledger(region, writing=writing),
        partner_names,
        _reviews_of,
        lambda pool, year: url_for("web.shared.pot", region=region, pool=pool, year=year),
        lambda ledger, pool, *spent: ledger.pooled.spend(pool, *spent),
    )


pots.add_pages(
    bp, POT, dict.fromkeys((pots.RECORDS, pots.SIGNS_OFF, pots.CORRECTS), WRITE), _keeper
)


def _reviews_of(ledger: RegionLedger, pot: Any) -> list[tuple[str, str]]:
    """Each partner partnership's reviews, by its name in the directory."""
    names = partner_names(ledger, pot)
    directory = ledger.partners.directory().partners
    tenants = {t: names[k] for k in pot.partners if (t := directory[k].tenant)}
    found = []
    for tenant, name in sorted(tenants.items(), key=lambda item: item[1]):
        with platform().ledgers.lease(tenant, writing=False) as partnership:
            found += questions.review_choices(partnership, tenant, name)
    return found


def _line(region: str, line: UUID) -> tuple[BudgetLine, dict[str, str]]:
    """The budget line (a 404 if there is none) and the region's partnerships by tenant, named
    as its directory names them: whom its money may go to."""
    with region_ledger(region, writing=False) as ledger:
        found = ledger.funding.line(line)
        return found, {p.tenant: p.name for p in ledger.partners.all() if p.tenant}
