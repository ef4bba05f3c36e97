"""A case's chronology by spreadsheet over HTTP: the template, a check, and the upload.

The upload is ``multipart/form-data`` with the sheet (.xlsx or .csv) in ``file``. The whole
sheet is checked first and every problem answered with its row number; nothing is recorded
unless every row is right, and then every entry is recorded in one save.
"""

from __future__ import annotations

import json
from typing import Any
from uuid import UUID

from flask import Response

from api.context import requires, tenant_ledger
from api.imports.chronology import Checked, check_sheet, spec
from api.imports.template import template_xlsx
from api.policy import Permission
from api.problems import problem
from api.resources.blueprints import api_blueprint
from api.resources.downloads import attachment, file_answer
from api.resources.reads import read
from api.resources.uploads import file_part, multipart, uploaded_sheet
from domain.calendar import uk_today

blp = api_blueprint(
    "chronology-upload",
    "/tenants/<tenant>/reviews/<uuid:review>/chronology",
    "Chronology entries by spreadsheet: the template, checked whole, then recorded",
)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
LIMIT = 10 * 1024 * 1024
UPLOAD = multipart(file=file_part("the filled-in template, .xlsx or .csv"))
REPORT = {"description": "the rows read and the entries' numbers (none when only checked)"}
PROBLEMS = {"description": "every problem by row and column; nothing was recorded"}


def _upload() -> tuple[bytes, str]:
    return uploaded_sheet(
        LIMIT,
        "Send the chronology sheet as multipart/form-data in the field 'file' (.xlsx or .csv).",
    )


def _answer(checked: Checked, status: int) -> Any:
    body = {
        "sheet": checked.sheet.name,
        "rows": len(checked.sheet.rows),
        "recorded": checked.recorded,
        "numbers": checked.numbers,
        "problems": [p.as_json() for p in checked.problems],
    }
    if checked.problems:
        response = problem(
            422,
            "Unprocessable Content",
            f"{len(checked.problems)} problem(s) in the sheet; nothing was recorded. Correct "
            "every row listed and upload the whole sheet again.",
            {"file": [str(p) for p in checked.problems]},
        )
        payload = response.get_json()
        payload.update(body)
        response.set_data(json.dumps(payload))
        return response
    return Response(json.dumps(body), status=status, mimetype="application/json")


@blp.route("/template.xlsx", methods=["GET"])
@blp.doc(**file_answer("the template, the case's agencies as a drop-down", XLSX))
@requires(Permission.CASE_RECORD)
def template(tenant: str, review: UUID) -> Response:
    """The chronology template for this case (XLSX with a guidance sheet)."""
    with tenant_ledger(tenant, writing=False) as ledger:
        case = ledger.reviews.get(review)
    body = template_xlsx(spec(tuple(i.agency for i in case.imrs)))
    return attachment(body, XLSX, "chronology-template.xlsx")


@blp.route("/upload/check", methods=["POST"])
@blp.doc(responses={"200": REPORT, "422": PROBLEMS}, **UPLOAD)
@requires(Permission.CASE_RECORD)
def check(tenant: str, review: UUID) -> Any:
    """Check a chronology sheet and list every problem, recording nothing."""
    data, name = _upload()
    return read(
        tenant,
        lambda ledger: _answer(
            check_sheet(ledger, review, data, name, uk_today(), record=False), 200
        ),
    )


@blp.route("/upload", methods=["POST"])
@blp.doc(responses={"201": REPORT, "422": PROBLEMS}, **UPLOAD)
@requires(Permission.CASE_RECORD)
def upload(tenant: str, review: UUID) -> Any:
    """Record every entry of a chronology sheet, or none: refused with every problem named."""
    data, name = _upload()
    with tenant_ledger(tenant) as ledger:
        return _answer(check_sheet(ledger, review, data, name, uk_today(), record=True), 201)
