"""An agency's own steps on its action beyond progress: evidence, and saying it is complete.

The routes join ``agency_work``'s blueprint (its question pages and home page). Completion is
the agency's word that the work is done; the partnership's lead signs it off on the
partnership's own pages, and only a partnership may change a due date (the progress page says
whom to ask).
"""

from __future__ import annotations

from datetime import date
from typing import Any, cast
from uuid import UUID

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput
from wtforms import SubmitField

from api.context import requires
from api.policy import Permission
from api.web.agency_work import BASE, _ask, bp, with_line
from api.web.fields import GovDate, text


class EvidenceForm(FlaskForm):
    reference = text(
        "Evidence",
        "Enter where the evidence is kept",
        "Where the evidence is kept, for example 'Training register Q2 2024, page 4'. "
        "Name the record; do not copy personal details here.",
        200,
    )
    on = GovDate("Date added", "the evidence")
    submit = SubmitField("Add the evidence", widget=GovSubmitInput())


class CompleteForm(FlaskForm):
    on = GovDate("Date the action was completed", "completion")
    submit = SubmitField("Record the action as complete", widget=GovSubmitInput())


@bp.route(BASE + "/actions/<uuid:action>/evidence", methods=["GET", "POST"])
@requires(Permission.AGENCY_WORK)
def evidence(tenant: str, action: UUID) -> Any:
    """Add a reference to the evidence that the agency's action is done."""
    form = EvidenceForm()
    return _ask(
        tenant,
        form,
        lambda work: with_line(work, action),
        lambda work: work.add_evidence(action, form.reference.data or "", cast(date, form.on.data)),
        "evidence",
    )


@bp.route(BASE + "/actions/<uuid:action>/complete", methods=["GET", "POST"])
@requires(Permission.AGENCY_WORK)
def complete(tenant: str, action: UUID) -> Any:
    """Record that the agency's action is complete; the partnership's lead then signs it off."""
    form = CompleteForm()
    return _ask(
        tenant,
        form,
        lambda work: with_line(work, action),
        lambda work: work.complete(action, cast(date, form.on.data)),
        "complete",
    )
