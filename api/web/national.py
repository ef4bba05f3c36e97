"""The anonymised national learning export, as a page for the national analyst: choose the
month the counts start from and download it as CSV or JSON (what the API's
``/national/learning-export`` gives; cells of fewer than five cases are left empty)."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Blueprint, Response, render_template, request

from api.context import requires
from api.policy import Permission
from api.resources.learning import corpus
from api.web.navigation import home_for, section
from domain.calendar import uk_today
from tenants.learning.national_export import MINIMUM_CASES, as_csv, as_json, national_rows
from tenants.users import Role

bp = Blueprint("national", __name__)

FIRST_YEAR = 2011  # DHRs are statutory from 13 April 2011
MONTHS = (
    "January February March April May June July August September October November December"
).split()
MEDIA = {"csv": "text/csv", "json": "application/json"}


@bp.route("/national-learning")
@requires(Permission.NATIONAL_EXPORT)
def export() -> Any:
    """The page; with ``format`` (a button), the file itself once the month is a real one."""
    this_year = uk_today().year
    month, year, fmt = (request.args.get(k, "") for k in ("month", "year", "format"))
    errors = []
    if fmt:
        if not (month.isdigit() and 1 <= int(month) <= 12):
            errors.append({"text": "Select the month the counts start from", "href": "#month"})
        if not (year.isdigit() and FIRST_YEAR <= int(year) <= this_year):
            errors.append(
                {"text": f"Select a year from {FIRST_YEAR} to {this_year}", "href": "#year"}
            )
        if fmt not in MEDIA:
            errors.append({"text": "Choose CSV or JSON", "href": "#download"})
        if not errors:
            since = date(int(year), int(month), 1)
            rows, unreadable = national_rows(corpus(), since)
            body = as_csv(rows) if fmt == "csv" else as_json(rows, since, unreadable)
            left_out = f"-{unreadable}-left-out" if unreadable else ""
            name = f"national-learning-from-{since:%Y-%m}{left_out}.{fmt}"
            return Response(
                body,
                mimetype=MEDIA[fmt],
                headers={"Content-Disposition": f'attachment; filename="{name}"'},
            )
    chosen_month, chosen_year = month or "4", year or str(FIRST_YEAR)
    return render_template(
        "national/export.html",
        errors=errors,
        months=[
            {"value": str(n), "text": name, "selected": str(n) == chosen_month}
            for n, name in enumerate(MONTHS, start=1)
        ],
        years=[
            {"value": str(y), "text": str(y), "selected": str(y) == chosen_year}
            for y in range(FIRST_YEAR, this_year + 1)
        ],
        minimum=MINIMUM_CASES,
    ), (400 if errors else 200)


section("National learning export", "web.national.export", {Role.NATIONAL_ANALYST}, lambda _: {})
home_for(Role.NATIONAL_ANALYST, "web.national.export", lambda _: {})
