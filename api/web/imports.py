"""Importing a spreadsheet from the browser: upload, read the check, then record.

The first step only checks the file and shows every problem by row and column (and offers
the rows with the problems marked as XLSX); nothing is recorded until the person presses
"Record". The checked file travels back in the confirming form, not in a server-side store,
and is checked again as it is recorded.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import replace
from typing import Any

from flask import Blueprint, Response, render_template, request
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from govuk_frontend_wtf.wtforms_widgets import GovFileInput, GovRadioInput, GovSubmitInput
from wtforms import HiddenField, RadioField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired

from api.context import platform, requires
from api.imports.problems import marked_workbook
from api.imports.run import Outcome, import_sheet
from api.imports.sheets import SPECS
from api.policy import Permission
from api.web import navigation
from api.web.fields import error_list, in_words
from domain.errors import DomainError

bp = Blueprint("imports", __name__)
LIMIT = 20 * 1024 * 1024
KINDS = [
    ("cases", "Cases"),
    ("actions", "Actions of the master action plan"),
    ("budget", "A pooled budget's history"),
]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class UploadForm(FlaskForm):
    kind = RadioField(
        "What does the spreadsheet hold?",
        choices=[SelectChoice(value, label) for value, label in KINDS],
        widget=GovRadioInput(),
        validators=[InputRequired("Select what the spreadsheet holds")],
    )
    sheet = FileField(
        "Upload the spreadsheet",
        widget=GovFileInput(),
        description="An XLSX or CSV file laid out like the template.",
    )
    submit = SubmitField("Check the file", widget=GovSubmitInput())


class CheckedForm(FlaskForm):
    kind, filename, content = HiddenField(), HiddenField(), HiddenField()


def _allow_big_uploads() -> None:
    request.max_content_length = LIMIT
    request.max_form_memory_size = LIMIT * 2  # the checked file comes back base64 in a field


@bp.route("/partnerships/<tenant>/imports", methods=["GET", "POST"])
@requires(Permission.CASE_RECORD)
def upload(tenant: str) -> Any:
    _allow_big_uploads()
    name = platform().registry.tenant(tenant).name
    form = UploadForm()
    problem = None
    if form.validate_on_submit():
        upload = request.files.get(form.sheet.name)
        if upload is None or not upload.filename:
            problem = "Select a spreadsheet to upload"
        else:
            data = upload.read()
            try:
                outcome = import_sheet(
                    platform(), tenant, form.kind.data, data, upload.filename, record=False
                )
            except DomainError as e:
                problem = str(e)
            else:
                return _report(tenant, name, outcome, form.kind.data, upload.filename, data)
    errors = (
        error_list(form, problem, form.sheet if problem else None)
        if (form.errors or problem)
        else None
    )
    return _page("imports/upload.html", tenant, name, form=form, errors=errors, kinds=KINDS)


def _page(template: str, tenant: str, name: str, **context: Any) -> str:
    """An import page of the partnership ``name``, marked as protected."""
    return render_template(
        template, tenant=tenant, tenant_name=name, protective_marking=True, **context
    )


def _report(tenant: str, name: str, outcome: Outcome, kind: str, filename: str, data: bytes) -> str:
    checked = CheckedForm(
        formdata=None, kind=kind, filename=filename, content=base64.b64encode(data).decode()
    )
    # as people read dates: "1 March 2025", not the ledger's "2025-03-01"
    problems = [replace(p, message=in_words(p.message)) for p in outcome.prepared.problems]
    errors = [{"text": str(p), "href": f"#problem-{i}"} for i, p in enumerate(problems[:50])]
    return _page(
        "imports/report.html",
        tenant,
        name,
        outcome=outcome,
        prepared=outcome.prepared,
        problems=problems,
        checked=checked,
        kind=kind,
        filename=filename,
        what=dict(KINDS)[kind],
        errors=errors or None,
    )


def _checked(tenant: str) -> tuple[str, str, bytes] | str:
    _allow_big_uploads()
    form = CheckedForm()
    if not form.validate_on_submit() or form.kind.data not in SPECS:
        return "This form expired or was sent from elsewhere. Upload the file again."
    try:
        return (
            form.kind.data,
            form.filename.data or "sheet.xlsx",
            base64.b64decode(form.content.data or "", validate=True),
        )
    except (binascii.Error, ValueError):
        return "The checked file did not come back intact. Upload the file again."


@bp.route("/partnerships/<tenant>/imports/record", methods=["POST"])
@requires(Permission.CASE_RECORD)
def record(tenant: str) -> Any:
    name = platform().registry.tenant(tenant).name
    checked = _checked(tenant)
    if isinstance(checked, str):
        form, errors = UploadForm(formdata=None), [{"text": checked, "href": "#sheet"}]
        return _page("imports/upload.html", tenant, name, form=form, kinds=KINDS, errors=errors)
    kind, filename, data = checked
    outcome = import_sheet(platform(), tenant, kind, data, filename)
    if outcome.refused:  # someone recorded meanwhile, or the file was changed
        return _report(tenant, name, outcome, kind, filename, data)
    prepared, what = outcome.prepared, dict(KINDS)[kind]
    return _page(
        "imports/done.html",
        tenant,
        name,
        outcome=outcome,
        prepared=prepared,
        what=what,
        filename=filename,
    )


@bp.route("/partnerships/<tenant>/imports/problems.xlsx", methods=["POST"])
@requires(Permission.CASE_RECORD)
def problems(tenant: str) -> Any:
    checked = _checked(tenant)
    if isinstance(checked, str):
        return Response(checked, status=400, mimetype="text/plain")
    kind, filename, data = checked
    outcome = import_sheet(platform(), tenant, kind, data, filename, record=False)
    out = Response(
        marked_workbook(outcome.prepared.sheet, outcome.prepared.problems), mimetype=XLSX
    )
    out.headers["Content-Disposition"] = f'attachment; filename="{kind}-problems.xlsx"'
    return out


navigation.section(
    "Import spreadsheets",
    "web.imports.upload",
    navigation.PARTNERSHIP_STAFF,
    navigation.own_partnership,
    order=60,
)
