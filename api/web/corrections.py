"""Correcting a mis-keyed fact of a case from the browser: each fact with its own correction
form, which asks for the right value and why the recorded one was wrong.

The form carries the case's version, so a correction made on a case someone changed since the
form was opened is refused (as If-Match does for the API) rather than built on unseen changes.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput
from wtforms import HiddenField, SubmitField
from wtforms.validators import InputRequired

from api.concurrency import expecting
from api.context import platform, requires
from api.names import actor_name
from api.policy import Permission
from api.schemas.history import with_corrections
from api.web import navigation
from api.web.correction_facts import BY_FIELD, FACTS, Fact, field_words, label, value_words
from api.web.fields import GovDate, error_list, select, text_input, why_wrong
from domain.errors import DomainError
from domain.reviews.correcting import current
from tenants.application import guarding_saves
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
    with platform().ledgers.lease(tenant, writing=False) as ledger:
        found = ledger.reviews.all()
    return render_template(
        "corrections/cases.html", tenant=tenant, cases=found, protective_marking=True
    )


@bp.route(f"{BASE}/<uuid:review>")
@requires(Permission.CORRECT)
def facts(tenant: str, review: UUID) -> Any:
    """Every correctable fact of a case with its own 'Correct' link, and the corrections so far."""
    with platform().ledgers.lease(tenant, writing=False) as ledger:
        case = ledger.reviews.get(review)
        history = with_corrections(list(ledger.events.get(review)))
    made = [item for item in history if isinstance(item, tuple)]
    rows = [(f, current(case, f.field)) for f in FACTS]
    return render_template(
        "corrections/facts.html",
        tenant=tenant,
        case=case,
        rows=rows,
        made=[(e, c, actor_name(e.recorded_by)) for e, c in made],  # as every history names them
        corrected=BY_FIELD.get(request.args.get("corrected", "")),
        label=label,
        field_words=field_words,
        value_words=value_words,
        protective_marking=True,
    )


def _form(fact: Fact) -> type[FlaskForm]:
    class CorrectionForm(FlaskForm):
        version = HiddenField()
        reason = why_wrong("the case's history", "value")
        submit = SubmitField("Record the correction", widget=GovSubmitInput())

    value: Any
    if fact.choices:
        value = select(
            fact.heading,
            InputRequired(f"Choose {fact.label}"),
            choices=[(c, label(c)) for c in fact.choices],
        )
    elif fact.text:
        value = text_input(
            fact.heading,
            InputRequired(f"Enter {fact.label}"),
            hint="Never a real name: a pseudonym such as 'Mary' or 'FN'.",
        )
    else:
        value = GovDate(f"The right date of {fact.label}", what=fact.label)
    CorrectionForm.value = value
    return CorrectionForm


@bp.route(f"{BASE}/<uuid:review>/<field>", methods=["GET", "POST"])
@requires(Permission.CORRECT)
def correct(tenant: str, review: UUID, field: str) -> Any:
    """One fact's correction form: the right value and the reason, recorded as a correction."""
    fact = BY_FIELD.get(field)
    if fact is None:
        abort(404)
    with platform().ledgers.lease(tenant, writing=False) as ledger:
        case = ledger.reviews.get(review)
    form = _form(fact)()
    recorded = current(case, field)
    problem = None
    if request.method == "GET":
        form.version.data = str(case.version)
        form.value.data = recorded
    if form.validate_on_submit():
        value = form.value.data
        problem = _record(tenant, review, field, value, form)
        if problem is None:
            return redirect(
                url_for("web.corrections.facts", tenant=tenant, review=review, corrected=field)
            )
    return render_template(
        "corrections/correct.html",
        tenant=tenant,
        case=case,
        fact=fact,
        recorded=recorded,
        label=label,
        form=form,
        errors=error_list(form, problem, form.value if problem else None),
        protective_marking=True,
    )


def _record(tenant: str, review: UUID, field: str, value: Any, form: Any) -> str | None:
    """Record the correction against the version the form showed; the refusal's words if any."""
    try:
        version = int(form.version.data or "")
    except ValueError:
        return "This form is out of date. Open the fact again and re-enter the correction."
    text = value.isoformat() if isinstance(value, date) else value
    try:
        with (
            platform().ledgers.lease(tenant) as ledger,
            guarding_saves(expecting(review, version)),
        ):
            ledger.reviews.correct(review, field, text, form.reason.data or "")
    except DomainError as refused:
        return str(refused)
    return None
