"""Spreadsheet imports over HTTP: the template, a check that reports every problem before
anything is recorded, the officer's rows with the problems marked, and the import itself.

An upload is ``multipart/form-data`` with the file in ``file``. Recording runs the same
checks first and records nothing unless the whole file is clean.
"""

from __future__ import annotations

import json
from typing import Any

from flask import Response, request

from api.context import platform, requires
from api.imports.problems import marked_workbook
from api.imports.run import Outcome, import_sheet, unclear_said
from api.imports.sheets import SPECS
from api.imports.template import template_csv
from api.imports.themes import template_for
from api.policy import Permission
from api.problems import problem
from api.resources.blueprints import api_blueprint
from api.resources.downloads import attachment, file_answer
from api.resources.uploads import file_part, multipart, uploaded_sheet
from api.tables.negotiate import CSV, XLSX, wanted
from domain.errors import InvalidValueError

blp = api_blueprint(
    "imports",
    "/tenants/<tenant>/imports",
    "Bring existing spreadsheets in: cases, actions, pooled budgets",
)
UPLOAD_LIMIT = 20 * 1024 * 1024
KIND = {
    "name": "kind",
    "in": "path",
    "required": True,
    "schema": {"type": "string", "enum": list(SPECS)},
}
UPLOAD = multipart(
    file=file_part("the sheet, .csv or .xlsx"),
    sheet={
        "type": "string",
        "description": "the name of the workbook's sheet to read (by default the one named as "
        "the template's, or the only one that could be imported); refused naming the sheets "
        "when the workbook has none of that name",
    },
)
REPORT = {
    "description": "what the file holds: rows new and already recorded, problems by "
    "sheet, row and column, events recorded"
}


def _upload(kind: str) -> tuple[bytes, str]:
    if kind not in SPECS:
        raise InvalidValueError(f"No '{kind}' import; use one of: {', '.join(SPECS)}.")
    return uploaded_sheet(
        UPLOAD_LIMIT,
        "Send the spreadsheet as multipart/form-data in the field 'file' (.csv or .xlsx).",
    )


def _sheet() -> str | None:
    """The workbook's sheet the client named (the form's field ``sheet``), if any."""
    return request.form.get("sheet") or None


def _imported(*args: Any, **kwargs: Any) -> Outcome:
    """``import_sheet``, refused saying how to name the sheet where it cannot be told."""
    return unclear_said("Send its name in the field 'sheet'.", import_sheet, *args, **kwargs)


def _report(outcome: Outcome, recorded: bool) -> Response | dict[str, Any]:
    p = outcome.prepared
    body = {
        "kind": p.kind,
        "sheet": p.sheet.name,
        "rows": len(p.sheet.rows),
        "heading_row": p.sheet.header_row,
        "totals_not_imported": list(p.sheet.totals),
        "new": p.new,
        "already_recorded": p.already,
        "recorded": recorded and not p.problems,
        "events_recorded": outcome.recorded_events,
        "summary": outcome.summary(),
        "problems": [x.as_json() for x in p.problems],
        "notes": p.notes,
    }
    if p.problems:
        response = problem(
            422,
            "Unprocessable Content",
            outcome.summary(),
            {"file": [str(x) for x in p.problems]},
        )
        payload = response.get_json()
        payload.update({k: v for k, v in body.items() if k != "summary"})
        response.set_data(json.dumps(payload))
        return response
    return body


@blp.route("/<kind>/template", methods=["GET"])
@blp.doc(parameters=[KIND], **file_answer("the template", XLSX, CSV))
@requires(Permission.CASE_READ)
def template(tenant: str, kind: str) -> Response:
    """The documented template of a sheet (XLSX with guidance, or a CSV header row)."""
    if kind not in SPECS:
        raise InvalidValueError(f"No '{kind}' template; use one of: {', '.join(SPECS)}.")
    platform().registry.tenant(tenant)
    media = wanted()
    data = template_csv(SPECS[kind]) if media == CSV else template_for(kind, (platform(), tenant))
    return attachment(data, media, f"{kind}-template.{'csv' if media == CSV else 'xlsx'}")


@blp.route("/<kind>/check", methods=["POST"])
@blp.doc(parameters=[KIND], responses={"200": REPORT}, **UPLOAD)
@requires(Permission.CASE_RECORD)
def check(tenant: str, kind: str) -> Any:
    """Check a sheet and report, recording nothing: what an import would do."""
    data, name = _upload(kind)
    outcome = _imported(platform(), tenant, kind, data, name, record=False, sheet=_sheet())
    return _report(outcome, False)


@blp.route("/<kind>/problems", methods=["POST"])
@blp.doc(parameters=[KIND], **file_answer("the rows, problems marked", XLSX), **UPLOAD)
@requires(Permission.CASE_RECORD)
def problems(tenant: str, kind: str) -> Response:
    """The uploaded rows as XLSX with each wrong cell filled and commented, and a list."""
    data, name = _upload(kind)
    outcome = _imported(platform(), tenant, kind, data, name, record=False, sheet=_sheet())
    sheet = marked_workbook(outcome.prepared.sheet, outcome.prepared.problems, data)
    return attachment(sheet, XLSX, f"{kind}-problems.xlsx")


@blp.route("/<kind>", methods=["POST"])
@blp.doc(parameters=[KIND], responses={"200": REPORT}, **UPLOAD)
@requires(Permission.CASE_RECORD)
def record(tenant: str, kind: str) -> Any:
    """Import a sheet: checked whole, then recorded all at once with the sheet's dates;
    refused with every problem named when any row is wrong. Importing it again adds nothing."""
    data, name = _upload(kind)
    return _report(_imported(platform(), tenant, kind, data, name, sheet=_sheet()), True)
