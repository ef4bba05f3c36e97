"""Downloads for the pages: the same CSV, XLSX and board papers as the API, by session.

Pages link here through the ``download_links`` helper and the ``downloadThisTable`` macro
(``templates/macros/downloads.html``), so every table on a page offers the same files in
the same words. The tables come from ``api.tables`` and the papers from ``api.papers``:
nothing here knows a column.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any
from uuid import UUID

from flask import Blueprint, Response, abort, request, url_for

from api.context import platform, requires
from api.imports.sheets import SPECS
from api.imports.themes import template_for
from api.papers import build
from api.papers.commissioning import CommissioningAsk, commissioning_paper
from api.papers.group_plan import GroupPlanAsk, group_plan_paper
from api.papers.paper import MeetingArgs, Paper
from api.papers.render import to_html, to_pdf
from api.policy import Permission
from api.resources.learning import corpus
from api.resources.region_common import master_plan_rows, may_see
from api.resources.views import _views
from api.tables.bodies import (
    REGIONAL,
    REGISTERS,
    commissioning_body,
    judged_on,
    pots_unread,
    regional_body,
    register_body,
)
from api.tables.columns import Table
from api.tables.notes import each_left_out_words, whose
from api.tables.notes import left_out as notes_left_out
from api.tables.registers import GROUP_PLAN
from api.tables.writers import as_recorded, to_csv, to_xlsx
from api.web.board_paper import CONTACT_LENGTH, MEETING_LENGTH
from api.web.formatting import long_date
from api.web.pots import pence_of
from domain.calendar import uk_today
from domain.funding import FinancialYear
from projections.asof import end_of_day
from tenants.unreadable import LeftOut

DATED = re.compile(r"\d{4}-\d{2}-\d{2}$")  # a name that already ends in its day
POTS_WAIT = 2.0  # seconds for the money view's store: the file comes, saying what it lacks

bp = Blueprint("downloads", __name__)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TABLE_FORMATS = {"csv": "CSV", "xlsx": "XLSX"}
PAPER_FORMATS = {"pdf": "PDF", "html": "web page"}
REGIONAL_PAPER_VIEWS = {"dhr-counts", "timeliness", "themes", "actions", "money"}


def _day(name: str, after_today: bool = False) -> date | None:
    """``after_today``: a day that may be to come (a meeting's), not one figures are read on."""
    raw = request.args.get(name)
    if not raw:
        return None
    try:
        found = date.fromisoformat(raw)
    except ValueError:
        abort(400, f"'{raw}' is not a date; write it as 2013-09-04.")
    if found > uk_today() and not after_today:  # a paper 'to 2099' would be today's, misnamed
        abort(400, f"{found.isoformat()} is after today; choose today or an earlier day.")
    return found


def _words(name: str, most: int) -> str:
    """A line of the paper typed into its address (the meeting, whom to contact)."""
    typed = " ".join(request.args.get(name, "").split())
    if len(typed) > most:
        abort(400, f"The {name.replace('_', ' ')} must be {most} characters or fewer.")
    return typed


def _meeting() -> MeetingArgs:
    """The meeting a paper goes to, its date and whom to contact, as a page prepared them
    (``board_paper.meeting_questions``) or anyone typed them into the address."""
    return {
        "meeting": _words("meeting", MEETING_LENGTH),
        "meeting_date": _day("meeting_date", after_today=True),
        "contact": _words("contact", CONTACT_LENGTH),
    }


def _pence(name: str) -> int | None:
    """A sum typed in pounds on the page the link came from (a forecast's cost per DHR)."""
    typed = request.args.get(name, "").strip()
    if not typed:
        return None
    try:
        return pence_of(typed)
    except ValueError as refused:
        abort(400, str(refused))


def _recorded() -> datetime | None:
    """``?as_recorded=DAY``: a paper as the ledger had recorded things by the end of that day."""
    day = _day("as_recorded")
    return end_of_day(day) if day else None


def _file(
    table: Table,
    body: Any,
    fmt: str,
    name: str,
    context: list[tuple[str, Any]],
    at: datetime | None = None,
    left_out: int = 0,
    left_out_said: str | None = None,
) -> Response:
    """The table as a file, named with the day it was read (or ends, where its name says); ``at``:
    read as recorded by then (``as_recorded``); ``left_out``:
    how many records could not be read (its name and notes say so, as a CSV can only by its
    name), ``left_out_said`` in other words than of one partnership's."""
    notes = notes_left_out(left_out, left_out_said)
    if at is None and not DATED.search(name):  # today's figures, named by today: a copy kept
        name = f"{name}-{uk_today().isoformat()}"  # beside last month's is told apart
    name, context = as_recorded(name, [*context, *notes], at)
    if left_out:
        name = f"{name}-{left_out}-left-out"
    if fmt == "csv":
        out = Response(to_csv(table, body, request.args.get("table")), mimetype="text/csv")
    elif fmt == "xlsx":
        out = Response(to_xlsx(table, body, context), mimetype=XLSX)
    else:
        abort(404)
    out.headers["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return out


def _paper(paper: Paper, fmt: str, name: str) -> Response:
    if fmt == "html":
        return Response(to_html(paper), mimetype="text/html")
    if fmt != "pdf":
        abort(404)
    out = Response(to_pdf(paper), mimetype="application/pdf")
    out.headers["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    return out


@bp.route("/regions/<region>/downloads/<view>.<fmt>")
@requires(Permission.REGION_VIEW)
def regional_table(region: str, view: str, fmt: str) -> Response:
    """A regional view, now or (``?as_recorded=DAY``) rebuilt from what was recorded by then;
    ``?on=DAY``: the region as it stood that day, the figures the dashboard shows for it."""
    if view not in REGIONAL:
        abort(404)
    at = _recorded()
    since, until, on = _day("since"), _day("until"), _day("on")
    platform().registry.region(region)
    args = {"as_of": None, "as_recorded": at, "since": since, "until": until, "tenant": None}
    today = judged_on(None, at) if at else None  # "overdue" and "late now" as on that day
    with _views(args, region) as views:
        table, body = regional_body(
            platform(), views, view, region, since=since, until=until, today=today, on=on
        )
    context = whose(platform(), region)
    if on is not None:
        context.append(("As the region stood on", f"{long_date(on)} (as the dashboard shows it)"))
    suffix = f"-on-{on.isoformat()}" if on else f"-{until.isoformat()}" if until else ""
    return _file(table, body, fmt, f"{region}-{view}{suffix}", context, at)


@bp.route("/partnerships/<tenant>/downloads/<register>.<fmt>")
@requires(Permission.CASE_READ)
def register_table(tenant: str, register: str, fmt: str) -> Response:
    """A register, now or as recorded by the end of ``?as_recorded=DAY``."""
    if register not in REGISTERS:
        abort(404)
    at = _recorded()
    left_out = LeftOut(f"the {register} download", tenant)
    if register == "costs":  # with what the region's pots paid, from its money view
        region = platform().registry.tenant(tenant).region
        with _views({"as_of": None, "as_recorded": at}, region) as views:
            table, body = register_body(
                platform(), register, tenant, at, left_out, views, wait=POTS_WAIT
            )
    else:
        table, body = register_body(platform(), register, tenant, at, left_out)
    context = [*whose(platform(), tenant=tenant), *pots_unread(body)]
    return _file(table, body, fmt, f"{tenant}-{register}", context, at, left_out.count)


@bp.route("/regions/<region>/papers/regional.<fmt>")
@requires(Permission.REGION_VIEW)
def regional_paper(region: str, fmt: str) -> Response:
    at = _recorded()
    today = judged_on(None, at)
    until = _day("until") or today
    platform().registry.region(region)
    args = {"as_of": None, "as_recorded": at, "since": None, "until": until, "tenant": None}
    with _views(args, region) as views:
        paper = build.regional(
            platform(),
            views,
            region,
            until,
            since=_day("since"),
            today=today if at else None,
            corpus=corpus(),
            recorded_by=at,
            **_meeting(),
        )
    return _paper(paper, fmt, f"{region}-dhrs-{until.isoformat()}")


@bp.route("/partnerships/<tenant>/papers/action-plan.<fmt>")
@requires(Permission.CASE_READ)
def action_plan_paper(tenant: str, fmt: str) -> Response:
    at = _recorded()
    on = judged_on(_day("on"), at)
    paper = build.action_plan(platform(), tenant, on, at)
    return _paper(paper, fmt, f"{tenant}-action-plan-{on}")


@bp.route("/partnerships/<tenant>/papers/partnership.<fmt>")
@requires(Permission.CASE_READ)
def partnership_paper(tenant: str, fmt: str) -> Response:
    """The partnership's own DHR paper for its board, prepared on ``board_paper.partnership``:
    as recorded now, or by the end of ``?as_recorded=DAY`` (its clocks judged that day)."""
    at = _recorded()
    on = judged_on(None, at)
    paper = build.partnership(platform(), tenant, on, at, **_meeting())
    return _paper(paper, fmt, f"{tenant}-dhrs-{on}")


def _statement_asked() -> dict[str, Any]:
    """What a pot's statement is asked for besides its year, wherever the pot is kept: the
    forecast's DHRs and cost per DHR its page chose, the day it is as recorded by, and the
    meeting it goes to."""
    return {
        "expected_dhrs": request.args.get("expected_dhrs", "3"),
        "cost_per_dhr": _pence("cost_per_dhr_pounds"),
        "recorded_by": _recorded(),
        **_meeting(),
    }


@bp.route("/partnerships/<tenant>/papers/pooled-budgets/<budget>.<fmt>")
@requires(Permission.CASE_READ)
def pooled_paper(tenant: str, budget: str, fmt: str) -> Response:
    year = request.args.get("year", "")
    paper = build.pooled(platform(), tenant, budget, year, **_statement_asked())
    return _paper(paper, fmt, f"{tenant}-{budget}-{year.replace('/', '-')}")


@bp.route("/regions/<region>/pots/<uuid:pool>/papers/statement.<fmt>")
@requires(Permission.SHARED_READ)
def region_pot_paper(region: str, pool: UUID, fmt: str) -> Response:
    """A pot the region hosts, for its partners' meeting: the year asked for (this financial
    year by default), as recorded now or by the end of ``?as_recorded=DAY``."""
    year = request.args.get("year") or FinancialYear.of(uk_today()).label
    paper = build.pooled(
        platform(),
        region,
        str(pool),
        year,
        in_region=True,
        check=may_see,
        **_statement_asked(),
    )
    return _paper(paper, fmt, f"{region}-pot-{year.replace('/', '-')}")


@bp.route("/regions/<region>/groups/<key>/downloads/master-action-plan.<fmt>")
@requires(Permission.SHARED_READ)
def group_plan_table(region: str, key: str, fmt: str) -> Response:
    """A group's master plan as its page shows it, for those who may read the group; or as
    recorded by the end of ``?as_recorded=DAY``. Named with the day it judges what is overdue,
    as its paper and a partnership's plan paper are (``_file``)."""
    at = _recorded()
    group, plan = master_plan_rows(region, key, None, at)
    context = whose(platform(), region)  # the table's own notes name the group
    count, said = sum(plan["left_out"].values()), each_left_out_words(plan["left_out"])
    return _file(GROUP_PLAN, plan, fmt, f"{key}-master-action-plan", context, at, count, said)


@bp.route("/regions/<region>/groups/<key>/papers/master-action-plan.<fmt>")
@requires(Permission.SHARED_READ)
def group_plan_board_paper(region: str, key: str, fmt: str) -> Response:
    """The plan as a paper for the meeting that keeps it, judged today (what is overdue), or
    as recorded by the end of ``?as_recorded=DAY``."""
    at = _recorded()
    on = judged_on(_day("on"), at)
    _, plan = master_plan_rows(region, key, on, at)
    ask = GroupPlanAsk(platform().registry.region(region).name, on, recorded_by=at)
    return _paper(group_plan_paper(plan, ask), fmt, f"{key}-master-action-plan-{on}")


@bp.route("/regions/<region>/ledger/downloads/commissioning.<fmt>")
@requires(Permission.REGION_LEDGER_READ)
def commissioning_table(region: str, fmt: str) -> Response:
    """The region's joint commissioning for the board that oversees it, now or as recorded
    by the end of ``?as_recorded=DAY``."""
    at = _recorded()
    table, body = commissioning_body(platform(), region, None, at)
    context = whose(platform(), region)
    return _file(table, body, fmt, f"{region}-commissioning", context, at)


@bp.route("/regions/<region>/ledger/papers/commissioning.<fmt>")
@requires(Permission.REGION_LEDGER_READ)
def commissioning_board_paper(region: str, fmt: str) -> Response:
    """The joint commissioning as a paper for the board that oversees it, judged today, or as
    recorded by the end of ``?as_recorded=DAY``."""
    at = _recorded()
    on = judged_on(_day("on"), at)
    _, body = commissioning_body(platform(), region, on, at)
    ask = CommissioningAsk(platform().registry.region(region).name, on, recorded_by=at)
    return _paper(commissioning_paper(body, ask), fmt, f"{region}-commissioning-{on}")


@bp.route("/partnerships/<tenant>/imports/<kind>/template.xlsx")
@requires(Permission.CASE_READ)
def import_template(tenant: str, kind: str) -> Response:
    if kind not in SPECS:
        abort(404)
    platform().registry.tenant(tenant)
    out = Response(template_for(kind, (platform(), tenant)), mimetype=XLSX)
    out.headers["Content-Disposition"] = f'attachment; filename="{kind}-template.xlsx"'
    return out


def download_links(
    scope: str, owner: str, name: str, recorded: date | None = None, **query: Any
) -> list[dict[str, str]]:
    """The links for ``downloadThisTable``: scope "region" (a regional view, with its board
    paper), "commissioning" (owner the region: its joint commissioning with its paper),
    "group" (owner the region, name the group's key: its master plan with its paper) or
    "partnership" (a register; the action plan with its paper).

    ``recorded``: the tables and the paper as the ledger had recorded things by the end of
    that day (the caption says so)."""
    if recorded is not None:
        query["as_recorded"] = recorded
    query = {k: (v.isoformat() if isinstance(v, date) else v) for k, v in query.items() if v}
    if scope == "region":
        table, args = "web.downloads.regional_table", {"region": owner, "view": name, **query}
        # a day's figures (``on``, the dashboard's) have no paper of their own: the dashboard
        # prepares one up to that day
        paper = (
            "web.downloads.regional_paper"
            if name in REGIONAL_PAPER_VIEWS and "on" not in query
            else None
        )
        paper_args = {"region": owner, **query}
    elif scope == "commissioning":
        table, args = "web.downloads.commissioning_table", {"region": owner, **query}
        paper, paper_args = "web.downloads.commissioning_board_paper", {"region": owner, **query}
    elif scope == "group":
        group = {"region": owner, "key": name, **query}
        table, args = "web.downloads.group_plan_table", group
        paper, paper_args = "web.downloads.group_plan_board_paper", group
    else:
        table, args = "web.downloads.register_table", {"tenant": owner, "register": name, **query}
        paper = "web.downloads.action_plan_paper" if name == "action-plan" else None
        paper_args = {"tenant": owner, **query}
    links = [
        {"href": url_for(table, fmt=fmt, **args), "text": text}
        for fmt, text in TABLE_FORMATS.items()
    ]
    if paper is not None:  # a regional view's is the region's whole paper, every table in it
        words = "The region's board paper, every table (PDF)" if scope == "region" else None
        links.append(
            {"href": url_for(paper, fmt="pdf", **paper_args), "text": words or "Board paper (PDF)"}
        )
    return links


@bp.record_once
def _helpers(state: Any) -> None:
    """Every page's templates can call ``download_links``."""
    state.app.jinja_env.globals["download_links"] = download_links
