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
        }
    }
)
@requires(Permission.NATIONAL_EXPORT)
def national_export(query: dict[str, Any]) -> Any:
    """Counts of cases and recommendations since a month; cells of fewer than 5 cases null."""
    year, month = (int(p) for p in query["since"].split("-"))
    since = date(year, month, 1)
    rows = national_rows(corpus(), since)
    if query["format"] == "csv":
        return Response(
            as_csv(rows),
            mimetype="text/csv",
            headers={"Content-Disposition": "attachment; filename=national-learning.csv"},
        )
    return Response(as_json(rows, since), mimetype="application/json")


@blp.route("/schema", methods=["GET"])
@blp.doc(responses={"200": {"description": "a JSON Schema", "content": {"application/json": {}}}})
@requires(Permission.PUBLIC)
def schema() -> Any:
    """The export's JSON Schema, published so national analysts can validate what they get."""
    return jsonify(export_schema())
