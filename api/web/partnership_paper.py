"""Preparing a partnership's own DHR board paper (``api.papers.partnership``): its reviews
under way with their statutory clocks, its action plan in summary and what its reviews cost,
for the meeting, date and contact chosen here, as the region's paper is prepared
(``board_paper``). A GET form that changes nothing: a valid answer is sent on to the paper's
download address, where the same words are checked again for anyone who types it."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, redirect, render_template, request, url_for
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput
from wtforms import SubmitField

from api.context import platform, requires
from api.policy import Permission
from api.web.board_paper import meeting_args, meeting_questions
from api.web.fields import LinkForm, error_list, recorded_day
from domain.calendar import uk_today

bp = Blueprint("partnership_paper", __name__)


class PartnershipPaperForm(LinkForm):
    meeting, meeting_date, contact = meeting_questions(
        "the Community Safety Partnership board, by the partnership's name"
    )
    as_recorded = recorded_day("As recorded at the end of")
    pdf = SubmitField("Download the paper (PDF)", widget=GovSubmitInput())
    html = SubmitField("Read it as a web page", widget=GovSubmitInput())


@bp.route("/partnerships/<tenant>/papers/partnership")
@requires(Permission.CASE_READ)
def prepare(tenant: str) -> Any:
    """The form; once answered (either button), the paper itself."""
    found = platform().registry.tenant(tenant)
    form = PartnershipPaperForm(formdata=request.args if request.args else None)
    errors: list[dict[str, str]] = []
    if "pdf" in request.args or "html" in request.args:
        valid = form.validate()
        today, recorded = uk_today(), form.as_recorded.data
        if recorded is not None and recorded > today:
            form.as_recorded.errors = ["The day the ledger is shown as of must be today or before"]
        meeting = form.meeting_date.data
        if meeting is not None and meeting < (recorded or today) and not form.as_recorded.errors:
            form.meeting_date.errors = [
                "The meeting's date must be on or after the day the paper's figures are read"
            ]
        if valid and not any(f.errors for f in form):
            fmt = "html" if form.html.data else "pdf"
            params: dict[str, Any] = {"as_recorded": recorded.isoformat()} if recorded else {}
            params |= meeting_args(form)
            return redirect(
                url_for("web.downloads.partnership_paper", tenant=tenant, fmt=fmt, **params)
            )
        errors = error_list(form)
    return render_template("reports/partnership_paper.html", tenant=found, form=form, errors=errors)
