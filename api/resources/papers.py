"""Board papers over HTTP: the same papers as ``ledger report``, as PDF or HTML.

PDF unless ``Accept: text/html`` or ``?format=html`` asks for the page itself.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from flask import Response
from marshmallow import fields, validate

from api.context import platform, requires
from api.papers import build, commissioning, group_plan
from api.papers.commissioning import CommissioningAsk
from api.papers.group_plan import GroupPlanAsk
from api.papers.paper import MeetingArgs, Paper
from api.papers.render import to_html, to_pdf
from api.policy import Permission
from api.resources.blueprints import api_blueprint
from api.resources.learning import corpus
from api.resources.region_common import master_plan_rows, may_see
from api.resources.views import _views
from api.schemas.common import In
from api.schemas.views import Instant
from api.tables.bodies import commissioning_body, judged_on
from api.tables.negotiate import HTML, PAPERS, PDF, wanted
from projections.asof import end_of_day

blp = api_blueprint(
    PAPERS,
    "",
    "Board papers (PDF or HTML): regional position, pooled budget, action plan, a group's "
    "master action plan, joint commissioning",
)
F = TypeVar("F", bound=Callable[..., Any])
PAPER_DOC = {
    "responses": {
        "200": {
            "description": "the board paper",
            "content": {
                PDF: {"schema": {"type": "string", "format": "binary"}},
                HTML: {"schema": {"type": "string"}},
            },
        }
    },
}


class MeetingIn(In):
    """What every paper is asked with. ``format`` is read by content negotiation before the
    view (api/tables/negotiate.py); it is declared here so the query string the paper takes is
    documented from one schema, the one that reads the rest of it."""

    paper_format = fields.String(
        data_key="format",
        validate=validate.OneOf(["pdf", "html"]),
        metadata={"description": "pdf (default) or html; same as the Accept header"},
    )
    meeting = fields.String(load_default="")
    meeting_date = fields.Date(
        load_default=None,
        metadata={"description": "the meeting's date, printed as the paper's (default: today)"},
    )
    as_recorded = Instant(
        load_default=None,
        metadata={
            "description": "the paper as the ledger had recorded things by this instant (ISO "
            "date-time, or a date meaning its end, UTC): what a board saw then"
        },
    )


class RegionalPaperIn(MeetingIn):
    since = fields.Date(load_default=None)
    until = fields.Date(load_default=None, metadata={"description": "default: today"})
    as_of = fields.Date(
        load_default=None,
        metadata={"description": "kept for compatibility: as_recorded at the end of this day"},
    )


class PlanPaperIn(MeetingIn):
    on = fields.Date(
        load_default=None,
        metadata={"description": "judge overdue on this day (default: as_recorded's, or today)"},
    )


class PooledPaperIn(MeetingIn):
    year = fields.String(required=True, metadata={"description": "financial year, e.g. 2016/17"})
    expected_dhrs = fields.String(load_default="3")
    cost_per_dhr = fields.Integer(load_default=None, metadata={"description": "pence"})


def _paper(path: str, ask: type[In], permission: Permission) -> Callable[[F], F]:
    """Register a view as a board paper: GET ``path`` with ``ask`` from the query string,
    documented as the PDF or the page (``PAPER_DOC``), for those with ``permission``."""

    def wrap(view: F) -> F:
        documented = blp.doc(**PAPER_DOC)(requires(permission)(view))
        return blp.route(path, methods=["GET"])(blp.arguments(ask, location="query")(documented))

    return wrap


def _meeting(args: dict[str, Any]) -> MeetingArgs:
    """The meeting a paper goes to and its date, as asked in the query string."""
    return {"meeting": args["meeting"], "meeting_date": args["meeting_date"]}


def _answer(paper: Paper, name: str) -> Response:
    if wanted() == HTML:
        return Response(to_html(paper), mimetype=HTML)
    out = Response(to_pdf(paper), mimetype=PDF)
    out.headers["Content-Disposition"] = f'inline; filename="{name}.pdf"'
    return out


def _pooled(
    args: dict[str, Any],
    owner: str,
    budget: str,
    name: str,
    in_region: bool = False,
    check: Callable[[set[str]], None] | None = None,
) -> Response:
    """A pot's paper for the year asked, whether a partnership holds it or (``in_region``) the
    region hosts it: the same query either way, and the file named ``name`` and the year."""
    paper = build.pooled(
        platform(),
        owner,
        budget,
        args["year"],
        in_region=in_region,
        check=check,
        expected_dhrs=args["expected_dhrs"],
        cost_per_dhr=args["cost_per_dhr"],
        recorded_by=args["as_recorded"],
        **_meeting(args),
    )
    return _answer(paper, f"{name}-{args['year'].replace('/', '-')}")


@_paper("/regions/<region>/reports/regional", RegionalPaperIn, Permission.REGION_VIEW)
def regional_paper(args: dict[str, Any], region: str) -> Response:
    """The region's DHR position per partnership (seed 000's table) as a board paper."""
    at = args["as_recorded"] or (end_of_day(args["as_of"]) if args["as_of"] else None)
    today = judged_on(args["as_of"], at)
    until: date = args["until"] or today
    platform().registry.region(region)
    with _views({**args, "as_recorded": at, "tenant": None}, region) as views:
        paper = build.regional(
            platform(),
            views,
            region,
            until,
            since=args["since"],
            **_meeting(args),
            today=today if at else None,
            corpus=corpus(),
            recorded_by=at,
        )
    return _answer(paper, f"{region}-dhrs-{until.isoformat()}")


@_paper("/tenants/<tenant>/reports/action-plan", PlanPaperIn, Permission.CASE_READ)
def action_plan_paper(args: dict[str, Any], tenant: str) -> Response:
    """The master action plan's overdue actions and those awaiting impact review."""
    on = judged_on(args["on"], args["as_recorded"])
    paper = build.action_plan(platform(), tenant, on, args["as_recorded"], **_meeting(args))
    return _answer(paper, f"{tenant}-action-plan-{on.isoformat()}")


@_paper("/tenants/<tenant>/reports/partnership", MeetingIn, Permission.CASE_READ)
def partnership_paper(args: dict[str, Any], tenant: str) -> Response:
    """The partnership's own DHR paper: its reviews under way with their statutory clocks, its
    action plan in summary and what its reviews cost (clocks judged on as_recorded's day)."""
    on = judged_on(None, args["as_recorded"])
    paper = build.partnership(platform(), tenant, on, args["as_recorded"], **_meeting(args))
    return _answer(paper, f"{tenant}-dhrs-{on.isoformat()}")


@_paper("/tenants/<tenant>/reports/pooled-budgets/<budget>", PooledPaperIn, Permission.CASE_READ)
def pooled_paper(args: dict[str, Any], tenant: str, budget: str) -> Response:
    """A pooled budget's statement and forecast for a year; ``budget`` is its reference or id."""
    return _pooled(args, tenant, budget, f"{tenant}-{budget}")


@_paper("/regions/<region>/reports/pooled-budgets/<budget>", PooledPaperIn, Permission.SHARED_READ)
def region_pooled_paper(args: dict[str, Any], region: str, budget: str) -> Response:
    """A pot the region hosts (seed 001's, for the districts that pay into it): its statement
    and forecast for a year, for the partners that pay in and the region's roles; ``budget``
    is its reference or id."""
    return _pooled(args, region, budget, f"{region}-pot", in_region=True, check=may_see)


@_paper("/regions/<region>/reports/commissioning", PlanPaperIn, Permission.REGION_LEDGER_READ)
def commissioning_paper(args: dict[str, Any], region: str) -> Response:
    """The region's joint commissioning: minimums by area, agreements ending within six
    months, changes of provider, overdue milestones (judged ``on``), payments."""
    on, at = judged_on(args["on"], args["as_recorded"]), args["as_recorded"]
    _, body = commissioning_body(platform(), region, on, at)
    name = platform().registry.region(region).name
    ask = CommissioningAsk(name, on, recorded_by=at, **_meeting(args))
    return _answer(commissioning.commissioning_paper(body, ask), f"{region}-commissioning-{on}")


@_paper(
    "/regions/<region>/groups/<key>/reports/master-action-plan", PlanPaperIn, Permission.SHARED_READ
)
def group_plan_paper(args: dict[str, Any], region: str, key: str) -> Response:
    """A group's master action plan (for its members and the region): members' overdue
    actions, those awaiting impact review, the group's own open actions."""
    on, at = judged_on(args["on"], args["as_recorded"]), args["as_recorded"]
    _, plan = master_plan_rows(region, key, on, at)
    ask = GroupPlanAsk(
        platform().registry.region(region).name, on, recorded_by=at, **_meeting(args)
    )
    return _answer(group_plan.group_plan_paper(plan, ask), f"{key}-master-action-plan-{on}")
