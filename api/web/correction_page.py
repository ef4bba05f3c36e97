"""One correction's question page, whatever it corrects (a fact of a case, a recommendation's,
an action's, a cost figure): the value recorded now, the right value, and why the recorded one
was wrong.

The form carries the version of the record it corrects, and the correction is saved only if
the record still stands at that version (as If-Match does for the API), so a correction is
never built on changes its author did not see. Refused, the form is shown again with the
refusal beside the value, and, if the record had changed, with the value and version it
stands at now, so the lead checks it and sends the form again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from flask import redirect, render_template, request, url_for
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput
from wtforms import Field, HiddenField, SubmitField

from api.concurrency import expecting
from api.web.fields import (
    CHANGED_SINCE_OPENED,
    PLURAL_FACTS,
    error_list,
    in_words,
    why_wrong,
)
from domain.correcting import NothingToCorrectError
from domain.errors import ConcurrentChangeError, DomainError
from tenants.application import guarding_saves

CHANGED = f"{CHANGED_SINCE_OPENED} Check the value recorded now, then enter the correction again."


def correction_form(value: Field, kept_in: str, what: str = "value", **more: Any) -> FlaskForm:
    """A form asking for the right ``value`` (an unbound field, made before the call so it
    comes first in the error summary) and why the recorded ``what`` was wrong; ``more`` adds
    to it (a cost figure's ``amount_confirmed`` box, shown once the value is refused or it is
    ticked, and the ``validate_value`` that asks for it)."""

    class CorrectionForm(FlaskForm):
        asks_for = what  # what the value is: "date", "cost", "themes"
        version = HiddenField()
        reason = why_wrong(kept_in, what)
        submit = SubmitField("Record the correction", widget=GovSubmitInput())

    CorrectionForm.value = value
    for name, added in more.items():
        setattr(CorrectionForm, name, added)
    return CorrectionForm()


@dataclass(frozen=True)
class Shown:
    """What the page says around the form."""

    caption: str  # "Case WEB-1"
    heading: str  # "Correct the due date"
    recorded: str  # the value recorded now, in words
    back: str  # the page the lead came from
    back_text: str
    uses: str = "Reports and the regional views will use the corrected value"
    marked: bool = field(
        default=True, kw_only=True
    )  # OFFICIAL-SENSITIVE, as a case's records are; False for shared money


def facts_shown(
    tenant: str, review: UUID, caption: str, heading: str, recorded: str, *uses: str
) -> Shown:
    """A correction page's words: a correction of a case starts from, and goes back to, the
    case's facts, or the case's page when its "Change" link opened it (``from_case``)."""
    if from_case():
        back = url_for("web.case.case_page", tenant=tenant, review=review)
        return Shown(caption, heading, recorded, back, "Back to the case", *uses)
    back = url_for("web.corrections.facts", tenant=tenant, review=review)
    return Shown(caption, heading, recorded, back, "Facts of the case", *uses)


def from_case() -> bool:
    """The form was opened from the case's page ("Change" beside a fact): it goes back there."""
    return request.args.get("from") == "case"


def case_done(tenant: str, review: UUID, field: str, facts: str) -> str:
    """Where a recorded correction of a case's fact leads: the case's page it started from,
    its banner naming the fact, else ``facts`` (the case's facts, banner and all)."""
    if from_case():
        return url_for("web.case.case_page", tenant=tenant, review=review, corrected=field)
    return facts


@dataclass(frozen=True)
class Record:
    """The record corrected: its id and version now, its value now as the form shows it."""

    id: UUID
    version: int
    value: Any


def ask(
    form: FlaskForm,
    shown: Shown,
    record: Record,
    correct: Callable[[FlaskForm], None],
    done: str,
) -> Any:
    """The page: on GET the form filled with the recorded value; on a valid POST ``correct``
    (the use case, given the form) saved against the version the form showed, then ``done``."""
    if request.method == "GET":
        form.version.data = str(record.version)
        form.value.data = record.value
    problem = None
    if form.validate_on_submit():
        problem = _recorded(record.id, form, correct, shown.recorded)
        if problem is None:
            return redirect(done)
        if problem == CHANGED:  # shown again as it stands now, to be checked and sent again
            form.version.data = str(record.version)
    return render_template(
        "corrections/correct.html",
        form=form,
        shown=shown,
        errors=error_list(form, problem, form.value if problem else None),
        protective_marking=shown.marked,
    )


def _recorded(
    record_id: UUID, form: Any, correct: Callable[[FlaskForm], None], recorded: str
) -> str | None:
    """Record the correction against the version the form showed; the refusal's words if any
    (the value already recorded as the page shows it, ``recorded``: the ledger's words for it
    may be pence or a field's name)."""
    try:
        version = int(form.version.data or "")
    except ValueError:
        return CHANGED
    try:
        with guarding_saves(expecting(record_id, version)):
            correct(form)
    except ConcurrentChangeError:
        return CHANGED
    except NothingToCorrectError:
        return nothing_to_correct(form.asks_for, recorded)
    except DomainError as refused:
        return in_words(str(refused))
    return None


QUOTED = 80  # a recorded value longer than this (a text) is not repeated in the message


def nothing_to_correct(what: str, recorded: str) -> str:
    """ "The date recorded now is already 15 May 2011; there is nothing to correct. ..."; a
    long text is not said again: it is above the box, as recorded now."""
    was = "are" if what in PLURAL_FACTS else "is"
    same = f"already {recorded}" if len(recorded) <= QUOTED else "already what you entered"
    return (
        f"The {what} recorded now {was} {same}; there is nothing to correct. Enter "
        f"the right {what}, or go back if the recorded {what} {was} right"
    )
