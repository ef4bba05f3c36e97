"""Correcting a case's findings, recommendations, actions and cost figures from the browser, one
form per fact as the case's own facts are corrected (``correction_page``): a finding's text,
themes and date, a recommendation's text, date made, target, number, scope and themes, an
action's owner, description, due date and completion date, an estimate or cost incurred
(typed in pounds), one cost incurred's amount or date. The same use cases as the API's
corrections."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any
from uuid import UUID

from flask import Blueprint, abort, request, url_for
from flask_wtf import FlaskForm

from api.context import platform, requires
from api.policy import Permission
from api.web.agency_choices import agency_names
from api.web.asked import asks
from api.web.case_forms import COST_WORDS, check_figure, figure_is_right
from api.web.correction_facts import ENTRY_FIELDS, PLAN_FIELDS, value_words
from api.web.correction_page import Record, ask, correction_form, facts_shown
from api.web.correction_questions import (
    ACTION,
    FIGURE,
    FINDING,
    RECOMMENDATION,
    Question,
    amount,
    check_another_owner,
    owner_choices,
    sector_choices,
    theme_boxes,
    typed_pounds,
)
from api.web.fields import MORE_THAN_ZERO, GovDate
from api.web.formatting import mid_sentence
from domain.errors import NotFoundError
from domain.funding import ReviewCost

bp = Blueprint("plan_corrections", __name__)
BASE = "/partnerships/<tenant>/corrections/<uuid:review>"
THEMES = (
    "The region's themes, the learning pages and the national export will use the corrected themes"
)
USES = {  # what reads a recommendation's fact, where more than reports and regional views
    "theme_codes": THEMES,
    "scope": "The national export and the learning pages will use the corrected scope",
    "reference": "The case's page, the action plan and its papers will use the corrected number",
}
HEADINGS = {"scope": "Correct who must act on it", "theme_codes": "Correct the themes"}
ACTION_HEADINGS = {"description": "Correct what the action will do"}  # not "the action's what…"
FINDING_HEADINGS = {
    "text": "Correct what the review found",
    "theme_codes": "Correct the finding's themes",
    "recorded_on": "Correct the date the finding was recorded",
}


def _asked(questions: dict[str, Question], kept_in: str) -> Callable[..., FlaskForm | None]:
    """The form a field's correction asks (``asks``), None for a field not corrected here."""

    def built(args: Mapping[str, Any]) -> FlaskForm | None:
        question = questions.get(str(args.get("field", "")))
        return None if question is None else correction_form(question.box(), kept_in, question.what)

    return built


@bp.route(f"{BASE}/recommendations/<uuid:recommendation>/<field>", methods=["GET", "POST"])
@asks(_asked(RECOMMENDATION, "the recommendation's history"))
@requires(Permission.CORRECT)
def recommendation(tenant: str, review: UUID, recommendation: UUID, field: str) -> Any:
    """A recommendation's text, date made, organisation or sector, put right with the reason."""
    form = _asking(RECOMMENDATION, field, "the recommendation's history")
    with platform().ledgers.lease(tenant, writing=False) as ledger:
        case = ledger.reviews.get(review)
        found = ledger.recommendations.get(recommendation)
        if found.review_id != case.id:
            abort(404)
        if field == "target_sector":
            sector_choices(ledger, form, found.target_sector)
        if field == "theme_codes":
            theme_boxes(ledger, form, found.theme_codes)
        sectors = ledger.themes.labels()
    recorded = getattr(found, field)
    shown = facts_shown(
        tenant,
        review,
        f"Case {case.reference}, recommendation {found.reference}",
        HEADINGS.get(field) or f"Correct the {mid_sentence(PLAN_FIELDS[field])}",
        value_words(field, recorded, sectors=lambda c: sectors.get(c, c)),
        *([USES[field]] if field in USES else []),
    )

    def correct(form: Any) -> None:
        with platform().ledgers.lease(tenant) as ledger:
            ledger.recommendations.correct(found.id, field, _typed(form), form.reason.data or "")

    initial = (recorded or "") if field.startswith("target") else _shown(recorded)
    done = _done(tenant, review, field, found.id)
    return ask(form, shown, Record(found.id, found.version, initial), correct, done)


@bp.route(f"{BASE}/findings/<int:number>/<field>", methods=["GET", "POST"])
@asks(_asked(FINDING, "the case's history"))
@requires(Permission.CORRECT)
def finding(tenant: str, review: UUID, number: int, field: str) -> Any:
    """A finding's text, themes or date recorded, put right with the reason."""
    form = _asking(FINDING, field, "the case's history")
    with platform().ledgers.lease(tenant, writing=False) as ledger:
        case = ledger.reviews.get(review)
        try:
            found = ledger.findings.get(case.id)
        except NotFoundError:
            abort(404)
        item = next((f for f in found.findings if f.number == number), None)
        if item is None:
            abort(404)
        if field == "theme_codes":
            theme_boxes(ledger, form, item.theme_codes)
        labels = ledger.themes.labels()
    recorded = getattr(item, field)
    shown = facts_shown(
        tenant,
        review,
        f"Case {case.reference}, finding {number}",
        FINDING_HEADINGS[field],
        value_words(field, recorded, sectors=lambda c: labels.get(c, c)),
        *([THEMES] if field == "theme_codes" else []),
    )

    def correct(form: Any) -> None:
        with platform().ledgers.lease(tenant) as ledger:
            ledger.findings.correct(case.id, number, field, _typed(form), form.reason.data or "")

    done = _done(tenant, review, field, found.id, finding=number)
    return ask(form, shown, Record(found.id, found.version, _shown(recorded)), correct, done)


def _shown(recorded: Any) -> Any:
    """A recorded value as its box holds it: codes as the list of ticked boxes, a scope by its
    code."""
    if isinstance(recorded, tuple):
        return list(recorded)
    return getattr(recorded, "value", recorded)


@bp.route(f"{BASE}/actions/<uuid:action>/<field>", methods=["GET", "POST"])
@asks(_asked(ACTION, "the action's history"))
@requires(Permission.CORRECT)
def action(tenant: str, review: UUID, action: UUID, field: str) -> Any:
    """An action's owner, description, due date or completion date, put right with the reason."""
    form = _asking(ACTION, field, "the action's history")
    with platform().ledgers.lease(tenant, writing=False) as ledger:
        case = ledger.reviews.get(review)
        found = ledger.actions.get(action)
        if found.review_id != case.id or (field == "completed_on" and not found.completed_on):
            abort(404)
        rec = ledger.recommendations.get(found.recommendation_id)
        owner = owner_choices(form, found, ledger) if field == "owner" else ""
    recorded = getattr(found, field)
    names = agency_names(tenant)
    shown = facts_shown(
        tenant,
        review,
        f"Case {case.reference}, an action for recommendation {rec.reference}",
        ACTION_HEADINGS.get(field) or f"Correct the action's {mid_sentence(PLAN_FIELDS[field])}",
        value_words(field, recorded, agencies=names),
        "The action plan, reminders and the regional views will use the corrected value",
    )

    def correct(form: Any) -> None:
        if owner:
            check_another_owner(form.value.data, owner, found.owner, names(found.owner))
        with platform().ledgers.lease(tenant) as ledger:
            ledger.actions.correct(found.id, field, _typed(form), form.reason.data or "")

    done = _done(tenant, review, field, found.id)
    if request.args.get("from") == "action":  # started on the action's page: back there
        here = url_for("web.actions.action_page", tenant=tenant, action=found.id)
        shown = replace(shown, back=here, back_text="Back to the action")
        done = url_for("web.actions.action_page", tenant=tenant, action=found.id, corrected=field)
    initial = owner or recorded
    return ask(form, shown, Record(found.id, found.version, initial), correct, done)


def _cost_form(args: Mapping[str, Any]) -> FlaskForm | None:
    """The form a cost figure's correction asks (``asks``): a cost incurred's date, else an
    amount in pounds."""
    kind, _, rest = str(args.get("figure", "")).partition(".")
    if kind == "incurred":
        name = rest.partition(".")[2]
        if name not in ENTRY_FIELDS:
            return None
        return _incurred_form(name == "incurred_on")
    return _amount_form("amount") if kind in FIGURE else None


@bp.route(f"{BASE}/costs/<figure>", methods=["GET", "POST"])
@asks(_cost_form)
@requires(Permission.CORRECT)
def cost(tenant: str, review: UUID, figure: str) -> Any:
    """An estimate or a cost incurred keyed wrongly, put right in pounds with the reason."""
    with platform().ledgers.lease(tenant, writing=False) as ledger:
        case = ledger.reviews.get(review)
        found = ledger.costs.record_of(review)
    kind, _, category = figure.partition(".")
    if kind == "incurred":
        return _incurred(tenant, review, case.reference, found, figure)
    figures = {"estimate": found.estimates, "actual": found.actuals}.get(kind) if found else None
    pence = next((p for c, p in (figures or {}).items() if str(c) == category), None)
    if found is None or pence is None:
        abort(404)
    form = _amount_form("amount")
    shown = facts_shown(
        tenant,
        review,
        f"Case {case.reference}",
        f"Correct the {FIGURE[kind]} {COST_WORDS.get(category, category).lower()}",
        value_words(figure, pence),
        "The case's costs, the money views and board papers will use the corrected amount",
    )

    def correct(form: Any) -> None:
        with platform().ledgers.lease(tenant) as ledger:
            ledger.costs.correct(
                review,
                figure,
                form.value.pence,
                form.reason.data or "",
                form.amount_confirmed.data,
            )

    done = _done(tenant, review, figure, ReviewCost.create_id(review))
    return ask(form, shown, Record(found.id, found.version, typed_pounds(pence)), correct, done)


def _incurred(
    tenant: str, review: UUID, reference: str, found: ReviewCost | None, figure: str
) -> Any:
    """One cost incurred (an invoice, say): its amount in pounds or its date, put right with
    the reason; its category's total and the money views follow."""
    _, number, name = (figure.split(".") + ["", ""])[:3]
    entry = next((e for e in found.incurred if str(e.number) == number), None) if found else None
    if found is None or entry is None or name not in ENTRY_FIELDS:
        abort(404)
    dated = name == "incurred_on"
    form = _incurred_form(dated)
    paid_for = f"{COST_WORDS.get(entry.category, entry.category).lower()}: {entry.description}"
    shown = facts_shown(
        tenant,
        review,
        f"Case {reference}, cost incurred {entry.number} ({paid_for})",
        f"Correct the {ENTRY_FIELDS[name]} of cost incurred {entry.number}",
        value_words(figure, getattr(entry, name)),
        "The case's costs, the Money page, the regional money views and board papers will use "
        "the corrected " + ("date" if dated else "amount"),
    )

    def correct(form: Any) -> None:
        value = _typed(form) if dated else form.value.pence
        confirmed = False if dated else bool(form.amount_confirmed.data)
        with platform().ledgers.lease(tenant) as ledger:
            ledger.costs.correct(review, figure, value, form.reason.data or "", confirmed)

    initial = entry.incurred_on if dated else typed_pounds(entry.amount)
    done = _done(tenant, review, figure, ReviewCost.create_id(review))
    return ask(form, shown, Record(found.id, found.version, initial), correct, done)


def _incurred_form(dated: bool) -> FlaskForm:
    """A cost incurred's right date, or its right amount (never £0), and why."""
    if dated:
        box = GovDate("The right date it was incurred", "the date incurred")
        return correction_form(box, "the case's history", "date")
    return _amount_form("amount", MORE_THAN_ZERO)


def _typed(form: Any) -> Any:
    """The form's answer as the use case takes it: a date as ISO text, a choice or text as is."""
    value = form.value.data
    return value.isoformat() if hasattr(value, "isoformat") else value or ""


def _asking(questions: dict[str, Question], field: str, kept_in: str) -> FlaskForm:
    """The form asking for ``field``'s right value; a field not corrected here is not found."""
    question = questions.get(field)
    if question is None:
        abort(404)
    return correction_form(question.box(), kept_in, question.what)


def _amount_form(what: str, *checks: Any) -> FlaskForm:
    """A cost figure's correction in pounds: an amount far above what a review costs is
    confirmed, as when it was first recorded; ``checks`` as ``amount`` takes them."""
    return correction_form(
        amount(*checks),
        "the case's history",
        what,
        amount_confirmed=figure_is_right(),
        validate_value=lambda form, field: check_figure(
            field, form.amount_confirmed.data, "record the correction again"
        ),
    )


def _done(tenant: str, review: UUID, field: str, record: UUID, **more: Any) -> str:
    """The case's facts, their banner naming the correction just recorded."""
    return url_for(
        "web.corrections.facts",
        tenant=tenant,
        review=review,
        corrected=field,
        record=record,
        **more,
    )
