"""Chronology entries by spreadsheet in the browser: the case's template, and an upload that is
checked whole. Every problem is listed with its row (nothing recorded); a clean sheet is
recorded in one save and the merged chronology shown. An agency's own upload
(``agency_chronology``) reads its sheet through the same form and checks.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any
from uuid import UUID

from flask import Blueprint, Response, redirect, render_template, request, url_for
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from govuk_frontend_wtf.wtforms_widgets import GovFileInput, GovSubmitInput
from werkzeug.exceptions import RequestEntityTooLarge
from wtforms import SubmitField

from api.context import platform, requires
from api.imports.chronology import Checked, check_sheet, spec
from api.imports.problems import Problem
from api.imports.template import template_xlsx
from api.policy import Permission
from api.web.agency_choices import agencies_named
from api.web.asked import asks
from api.web.fields import error_list
from domain.calendar import uk_today
from domain.errors import DomainError

bp = Blueprint("chronology_upload", __name__, url_prefix="/partnerships/<tenant>/cases")
LIMIT = 10 * 1024 * 1024
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class SheetForm(FlaskForm):
    sheet = FileField(
        "Upload the filled-in template",
        widget=GovFileInput(),
        description="XLSX (or CSV) laid out like the template, at most 10 MB.",
    )
    submit = SubmitField("Check and record the entries", widget=GovSubmitInput())


@bp.route("/<uuid:review>/chronology/template.xlsx")
@requires(Permission.CASE_RECORD)
def template(tenant: str, review: UUID) -> Any:
    with platform().ledgers.lease(tenant, writing=False) as ledger:
        case = ledger.reviews.get(review)
    out = Response(template_xlsx(spec(tuple(i.agency for i in case.imrs))), mimetype=XLSX)
    out.headers["Content-Disposition"] = 'attachment; filename="chronology-template.xlsx"'
    return out


@bp.route("/<uuid:review>/chronology/upload", methods=["GET", "POST"])
@asks(SheetForm)
@requires(Permission.CASE_RECORD)
def upload(tenant: str, review: UUID) -> Any:
    form, problem = sheet_form()
    problems: list[Problem] = []
    with platform().ledgers.lease(tenant, writing=False) as ledger:
        case = ledger.reviews.get(review)
    if problem is None and form.validate_on_submit():

        def check(data: bytes, filename: str) -> Checked:
            with platform().ledgers.lease(tenant) as ledger:
                return check_sheet(ledger, review, data, filename, uk_today(), record=True)

        problem, problems = checked_upload(tenant, form, [i.agency for i in case.imrs], check)
        if problem is None:
            return redirect(
                url_for("web.chronology.merged", tenant=tenant, review=review, done="added")
            )
    errors = error_list(form, problem, form.sheet if problem else None)
    return render_template(
        "chronology/upload.html",
        form=form,
        case=case,
        tenant=tenant,
        errors=errors or None,
        problems=problems,
        protective_marking=True,
    )


def sheet_form() -> tuple[SheetForm, str | None]:
    """The upload's form, or why the file was refused before it was read (its size)."""
    request.max_content_length = LIMIT
    try:
        return SheetForm(), None
    except RequestEntityTooLarge:
        return SheetForm(formdata=None), "The file is larger than 10 MB; split it"


def checked_upload(
    tenant: str, form: SheetForm, agencies: list[str], check: Callable[[bytes, str], Checked]
) -> tuple[str | None, list[Problem]]:
    """What ``check`` (``check_sheet``, recording) made of the uploaded sheet: None once its
    entries are recorded, else why nothing was, with each row's problem; ``agencies`` (as
    recorded) are named as the directory names them."""
    sheet = request.files.get(form.sheet.name)
    if sheet is None or not sheet.filename:
        return "Select the filled-in template to upload", []
    try:
        checked = check(sheet.read(), sheet.filename)
    except DomainError as refused:
        return agencies_named(str(refused), tenant, agencies), []
    if not checked.problems:
        return None, []
    problems = [
        replace(p, message=agencies_named(p.message, tenant, agencies)) for p in checked.problems
    ]
    many = "s" if len(problems) != 1 else ""
    return f"{len(problems)} problem{many} in the sheet; nothing was recorded", problems
