"""Correcting a mis-keyed fact of a case from the browser: each fact with its own correction
form, which asks for the right value and why the recorded one was wrong.

The form carries the case's version, so a correction made on a case someone changed since the
form was opened is refused (as If-Match does for the API) rather than built on unseen changes.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from flask import Blueprint, abort, render_template, request, url_for
from wtforms.validators import InputRequired

from api.context import platform, requires
from api.policy import Permission
from api.web import correction_listing as listing
from api.web import navigation
from api.web.agency_choices import agency_names
from api.web.case_forms import agreed_pseudonym, check_agreed_pseudonym
from api.web.correction_facts import (
    BY_FIELD,
    FACTS,
    FINDING_FIELDS,
    PLAN_FIELDS,
    Fact,
    field_words,
    label,
    value_words,
)
from api.web.correction_page import Record, ask, case_done, correction_form, facts_shown
from api.web.fields import GovDate, select, text_input
from api.web.formatting import long_date
from api.web.part_corrections import part_rows
from domain.reviews.correcting import current
from tenants.unreadable import LeftOut
from tenants.users import Role

bp = Blueprint("corrections", __name__)
BASE = "/partnerships/<tenant>/corrections"


navigation.section(
    "Corrections", "web.corrections.cases", {Role.CSP_LEAD}, navigation.own_partnership, order=70
)


@bp.route(BASE)
@requires(Permission.CORRECT)
def cases(tenant: str) -> Any:
    """The partnership's cases, each a link to its facts and their corrections."""
    left_out = LeftOut("the corrections page", tenant)
    with platform().ledgers.lease(tenant, writing=False) as ledger:
        found = ledger.reviews.all(left_out=left_out)
    return render_template(
        "corrections/cases.html",
        tenant=tenant,
        cases=found,
        left_out=left_out.count,
        protective_marking=True,
    )


@bp.route(f"{BASE}/<uuid:review>")
@requires(Permission.CORRECT)
def facts(tenant: str, review: UUID) -> Any:
    """Every correctable fact of a case, its findings, recommendations, actions and costs, each
    with its own 'Correct' link, and the corrections so far."""
    agencies = agency_names(tenant)
    with platform().ledgers.lease(tenant, writing=False) as ledger:
        case = ledger.reviews.get(review)
        plan = ledger.plan.of_review(case.id)
        sectors = ledger.themes.labels()

        def words(field: str, value: object) -> str:
            return value_words(field, value, agencies, lambda c: sectors.get(c, c))

        sections = listing.plan_sections(tenant, review, plan, words)
        findings = listing.finding_sections(
            tenant, review, ledger.findings.of_review(case.id), words
        )
        cost = ledger.costs.record_of(case.id)
        costs = listing.cost_rows(tenant, review, cost)
        incurred = listing.incurred_rows(tenant, review, cost)
        parts = part_rows(tenant, case, agencies)
        named = [(s.record, s.heading) for s in sections]
        made = listing.corrections_made(ledger, case.id, named, words)
    return render_template(
        "corrections/facts.html",
        tenant=tenant,
        case=case,
        rows=[(f, current(case, f.field)) for f in FACTS],
        findings=findings,
        sections=sections,
        costs=costs,
        incurred=incurred,
        parts=parts,
        made=made,
        corrected=_corrected(sections, costs + incurred + parts),
        label=label,
        protective_marking=True,
    )


def _corrected(sections: list[listing.Section], costs: list[Any]) -> str | None:
    """The banner's words for the correction just recorded (named by the link it came back
    by: only a field this page lists, never text from the address)."""
    field, record = request.args.get("corrected", ""), request.args.get("record", "")
    finding = request.args.get("finding", "")
    if not record and field in BY_FIELD:
        return BY_FIELD[field].heading
    if finding.isdigit() and field in FINDING_FIELDS:
        what = field_words(field, finding=True)
        return f"Finding {int(finding)}: {what[:1].lower()}{what[1:]}"
    if field in PLAN_FIELDS:
        heading = next((s.heading for s in sections if str(s.record) == record), None)
        return (
            f"{heading}: {field_words(field)[:1].lower()}{field_words(field)[1:]}"
            if heading
            else None
        )
    figures = {row["key"]["text"] for row in costs}  # costs and the case's parts
    words = field_words(field)  # an IMR's row names its agency after it
    return words if any(f == words or f.startswith(f"{words} (") for f in figures) else None


def _value(fact: Fact) -> Any:
    """The box for the right value of ``fact``: a choice, the pseudonym, or a date."""
    if fact.choices:
        return select(
            fact.heading,
            InputRequired(f"Choose {fact.label}"),
            choices=[(c, label(c)) for c in fact.choices],
        )
    if fact.text:
        return text_input(
            fact.heading,
            InputRequired(f"Enter {fact.label}"),
            hint="Never a real name: a pseudonym such as 'Mary' or 'FN'.",
        )
    return GovDate(f"The right date of {fact.label}", what=fact.label)


@bp.route(f"{BASE}/<uuid:review>/<field>", methods=["GET", "POST"])
@requires(Permission.CORRECT)
def correct(tenant: str, review: UUID, field: str) -> Any:
    """One fact's correction form: the right value and the reason, recorded as a correction."""
    fact = BY_FIELD.get(field)
    if fact is None:
        abort(404)
    with platform().ledgers.lease(tenant, writing=False) as ledger:
        case = ledger.reviews.get(review)
    recorded = current(case, field)
    shown = facts_shown(
        tenant,
        review,
        f"Case {case.reference}",
        fact.correct,
        label(recorded) if fact.choices or fact.text else long_date(recorded),
        fact.uses,
    )

    def record(form: Any) -> None:
        value = form.value.data
        agreed = bool(getattr(form, "pseudonym_confirmed", None) and form.pseudonym_confirmed.data)
        with platform().ledgers.lease(tenant) as ledger:
            text = value.isoformat() if isinstance(value, date) else value
            why = form.reason.data or ""
            ledger.reviews.correct(review, field, text, why, pseudonym_confirmed=agreed)

    more: dict[str, Any] = {}
    if field == "pseudonym":  # one shaped like a real name is confirmed, as on opening
        more = {
            "pseudonym_confirmed": agreed_pseudonym(),
            "validate_value": lambda form, box: check_agreed_pseudonym(
                box, bool(form.pseudonym_confirmed.data), "record the correction again"
            ),
        }
    what = fact.label.removeprefix("the ") if fact.choices or fact.text else "date"
    form = correction_form(_value(fact), "the case's history", what, **more)
    facts = url_for("web.corrections.facts", tenant=tenant, review=review, corrected=field)
    done = case_done(tenant, review, field, facts)
    return ask(form, shown, Record(review, case.version, recorded), record, done)
