"""The one place a view's JSON becomes a download: CSV or XLSX by ``Accept`` or ``?format=``.

Views stay JSON-only. ``before_request`` takes ``format`` (and ``table``, a section of a
multi-table view) off the query string so the views' strict query schemas never see them,
and refuses with 406 a download of something that has no table; ``after_request`` turns a
successful JSON answer of a catalogued endpoint into the file, keyed by ``request.endpoint``.
"""

from __future__ import annotations

import re
from typing import Any
from uuid import UUID

from flask import Flask, Response, g, request
from werkzeug.datastructures import ImmutableMultiDict

from api.agency_names import agency_names_in
from api.context import platform
from api.problems import problem
from api.tables.catalogue import CATALOGUE
from api.tables.columns import Table
from api.tables.notes import UNREADABLE, left_out, whose
from api.tables.writers import to_csv, to_xlsx
from domain.errors import InvalidValueError

JSON, CSV, PDF, HTML = "application/json", "text/csv", "application/pdf", "text/html"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = {"csv": CSV, "xlsx": XLSX, "json": JSON, "pdf": PDF, "html": HTML}
PAPERS = "board-papers"  # the blueprint (api.resources.papers) whose every endpoint is a paper
OWN = {  # other endpoints that render these formats themselves; the first is their default
    "imports.template": [XLSX, CSV],
    "research.extract": [JSON, XLSX],
}
EXTENSIONS = {CSV: "csv", XLSX: "xlsx"}
OURS = ("format", "table")


def register(app: Flask) -> None:
    app.before_request(_take_format)
    app.after_request(_render)


def wanted() -> str:
    """The media type asked for: ``?format=`` wins over ``Accept``; JSON when neither says."""
    return getattr(g, "table_format", JSON)


def _take_format() -> Response | None:
    args = request.args
    own = _offers(request.endpoint or "")
    ours = (request.endpoint or "") in CATALOGUE or own is not None
    asked = args.get("format") if ours else None  # elsewhere ?format= is the view's own
    if ours and any(k in args for k in OURS):
        request.args = ImmutableMultiDict(
            [(k, v) for k, v in args.items(multi=True) if k not in OURS]
        )
    g.table_section = args.get("table") if ours else None
    listed = CATALOGUE.get(request.endpoint or "")
    if g.table_section is not None and listed is not None:
        try:
            listed.section(g.table_section)
        except InvalidValueError as unknown:
            return problem(400, "Bad Request", str(unknown))
    if asked is not None and asked.lower() not in FORMATS:
        return problem(
            400,
            "Bad Request",
            f"'{asked}' is not a download format; use format=csv or format=xlsx.",
        )
    offers = own or [JSON, CSV, XLSX]
    g.table_format = (
        FORMATS[asked.lower()] if asked else request.accept_mimetypes.best_match(offers)
    ) or offers[0]
    if g.table_format == offers[0]:
        return None
    if (
        g.table_format not in offers
        or request.method not in ("GET", "HEAD")
        or (own is None and request.endpoint not in CATALOGUE)
    ):
        return problem(
            406,
            "Not Acceptable",
            "This address does not offer that format. Registers and views offer csv and xlsx, "
            "board papers pdf and html, a research extract xlsx (see /api/v1/docs for which).",
        )
    return None


def _offers(endpoint: str) -> list[str] | None:
    """The formats an endpoint renders itself (its default first), or None: a board paper
    PDF or HTML, wherever its blueprint adds one, so a new paper needs nothing here."""
    if endpoint.partition(".")[0] == PAPERS:
        return [PDF, HTML]
    return OWN.get(endpoint)


def _render(response: Response) -> Response:
    media = getattr(g, "table_format", JSON)
    table = CATALOGUE.get(request.endpoint or "")
    if media == JSON or table is None or response.status_code != 200 or not response.is_json:
        if table is not None or _offers(request.endpoint or "") is not None:
            response.vary.add("Accept")  # one address, a representation per Accept
        return response
    body = _partners_named(table, _agencies_named(table, response.get_json()))
    unread = int(response.headers.get(UNREADABLE) or 0)
    context = [*request_context(), *left_out(unread)]
    if media == CSV:
        data = to_csv(table, body, getattr(g, "table_section", None))
    else:
        data = to_xlsx(table, body, context)
    out = Response(data, status=200, mimetype=media)
    if media == CSV:
        out.headers["Content-Type"] = "text/csv; charset=utf-8"
    out.headers["Content-Disposition"] = f'attachment; filename="{filename(table, media, unread)}"'
    if UNREADABLE in response.headers:
        out.headers[UNREADABLE] = response.headers[UNREADABLE]
    out.vary.add("Accept")
    if "Cache-Control" in response.headers:  # not the ETag: it names the JSON representation
        out.headers["Cache-Control"] = response.headers["Cache-Control"]
    return out


def _agencies_named(table: Table, body: Any) -> Any:
    """A list body with each agency the table names (``Table.agencies``) as the partnership's
    region directory names it: what people read in a download; the JSON answer is untouched."""
    tenant = (request.view_args or {}).get("tenant")
    if not table.agencies or tenant is None or not isinstance(body, list):
        return body
    names = agency_names_in(platform(), tenant)
    return [
        {**row, **{k: names(row[k]) for k in table.agencies if isinstance(row.get(k), str)}}
        if isinstance(row, dict)
        else row
        for row in body
    ]


def _partners_named(table: Table, body: Any) -> Any:
    """A pooled budget's report with each partner (``Table.partners``) named as the pot names
    it, for its sections' rows: what people read in a download; the JSON answer is untouched."""
    args = request.view_args or {}
    tenant, pool = args.get("tenant"), args.get("pool")
    if not table.partners or tenant is None or pool is None or not isinstance(body, dict):
        return body
    with platform().ledgers.lease(tenant, writing=False) as ledger:
        names = ledger.pooled.get(pool).partners
    named = dict(body)
    for section in table.sections:
        rows = named.get(section.rows)
        if section.rows and isinstance(rows, list):
            named[section.rows] = [
                {
                    **row,
                    **{k: names.get(row[k], row[k]) for k in table.partners if k in row},
                }
                if isinstance(row, dict)
                else row
                for row in rows
            ]
    return named


def request_context() -> list[tuple[str, Any]]:
    """Who and what the download is of, for its notes sheet (never a person's name)."""
    args = request.view_args or {}
    found = whose(platform(), args.get("region"), args.get("tenant"))
    labels = {
        "as_of": "As recorded by the end of",
        "as_recorded": "As recorded by",
        "on": "As things stood on",
        "at": "As recorded at",
    }
    for key, label in labels.items():
        if request.args.get(key):
            found.append((label, request.args[key]))
    one = request.args.get("tenant")
    if one and not args.get("tenant"):  # a regional view of one partnership, by its name
        found.append(("Partnership", platform().registry.tenant(one).name))
    found.append(("Address", request.full_path.rstrip("?")))
    return found


def filename(table: Table, media: str, left_out: int = 0) -> str:
    """e.g. ``west-midlands-dhr-counts-2013-09-04.xlsx``: what it is and to when, and how many
    records that cannot be read it left out (``...-2-left-out.csv``; a CSV has no notes)."""
    parts = [str(v) for v in (request.view_args or {}).values() if not isinstance(v, UUID)]
    parts.append(request.path.rstrip("/").rsplit("/", 1)[-1])
    for key in ("tenant", "until", "as_of", "as_recorded", "on", "year"):
        if request.args.get(key):
            parts.append(request.args[key])
    if left_out:
        parts.append(f"{left_out}-left-out")
    name = re.sub(r"[^A-Za-z0-9.-]+", "-", "-".join(parts)).strip("-") or "table"
    return f"{name}.{EXTENSIONS[media]}"
