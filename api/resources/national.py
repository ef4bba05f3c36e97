"""The national learning export for the national role: anonymised, suppressed counts of every
region's cases and recommendations, and its published JSON Schema (public)."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Response, jsonify

from api.context import requires
from api.policy import Permission
from api.resources.blueprints import api_blueprint
from api.resources.learning import corpus
from api.schemas.learning import NationalExportQuery
from api.tables.notes import UNREADABLE_DOC, unreadable_header
from domain.learning.national_schema import export_schema
from tenants.learning.national_export import as_csv, as_json, national_rows

blp = api_blueprint(
    "national-learning",
    "/national/learning-export",
    "The anonymised national learning export (Home Office taxonomy, suppressed cells)",
)


@blp.route("", methods=["GET"])
@blp.arguments(NationalExportQuery, location="query")
@blp.doc(
    responses={
        "200": {
            "description": "the export, as JSON (see /schema) or CSV",
            "content": {"application/json": {}, "text/csv": {}},
            "headers": UNREADABLE_DOC,
        }
    }
)
@requires(Permission.NATIONAL_EXPORT)
def national_export(query: dict[str, Any]) -> Any:
    """Counts of cases and recommendations since a month; cells of fewer than 5 cases null.
    Records left out because they cannot be read are counted in ``unreadable`` (JSON), the
    ``Unreadable-Records`` header and, for a CSV, its file's name."""
    year, month = (int(p) for p in query["since"].split("-"))
    since = date(year, month, 1)
    rows, unreadable = national_rows(corpus(), since)
    headers = unreadable_header(unreadable)
    if query["format"] == "csv":
        name = f"national-learning-{unreadable}-left-out" if unreadable else "national-learning"
        headers["Content-Disposition"] = f"attachment; filename={name}.csv"
        return Response(as_csv(rows), mimetype="text/csv", headers=headers)
    return Response(as_json(rows, since, unreadable), mimetype="application/json", headers=headers)


@blp.route("/schema", methods=["GET"])
@blp.doc(responses={"200": {"description": "a JSON Schema", "content": {"application/json": {}}}})
@requires(Permission.PUBLIC)
def schema() -> Any:
    """The export's JSON Schema, published so national analysts can validate what they get."""
    return jsonify(export_schema())
