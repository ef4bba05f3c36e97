"""``ledger report``: board papers as PDF (or HTML), ready for the meeting pack."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from functools import wraps
from pathlib import Path
from typing import Any

import click

from adapters.private_files import write_private
from api.cli.common import (
    AS_RECORDED,
    DAY,
    FILE_OUT,
    group_named,
    platform,
    region_and_group,
)
from api.papers import build
from api.papers.commissioning import CommissioningAsk, commissioning_paper
from api.papers.group_plan import GroupPlanAsk, group_plan_paper
from api.papers.paper import Paper
from api.papers.render import to_html, to_pdf
from api.tables.bodies import GroupPlanRead, commissioning_body, group_plan_body, judged_on
from domain.errors import DomainError, NotFoundError
from domain.funding.pooled_values import parse_dhrs
from projections.asof import as_of
from tenants.platform import Platform

JUDGED_ON = click.option(  # a plan's actions are overdue, or not, on a day
    "--on", "on", type=DAY, default=None, help="judge overdue on this day (default today)"
)
_meeting = [
    click.option("--meeting", default="", help="the meeting the paper goes to"),
    click.option(
        "--meeting-date",
        type=DAY,
        default=None,
        help="its date (YYYY-MM-DD; default: the day the paper is made)",
    ),
    click.option("--contact", default="", help="officer to contact (role, not a victim's name)"),
    click.option(
        "-o",
        "--output",
        type=FILE_OUT,
        required=True,
        help="FILE.pdf or FILE.html ('-' is not allowed for PDF)",
    ),
    click.option(
        "--format",
        "fmt",
        type=click.Choice(["pdf", "html"]),
        default=None,
        help="default: from the file's extension",
    ),
]


def meeting_options(fn: Callable[..., Paper]) -> Callable[..., None]:
    """The options every paper shares: its meeting, the meeting's date, a contact, the file.

    The command gets the first three as ``front`` (the paper's keywords) and returns its
    paper, which is written to the file asked for."""

    @wraps(fn)
    def run(
        *args: Any,
        meeting: str,
        meeting_date: datetime | None,
        contact: str,
        output: Path,
        fmt: str | None,
        **kwargs: Any,
    ) -> None:
        if str(output) == "-" and fmt != "html":  # before the paper is built
            raise click.UsageError(
                "'-' writes to standard output, for --format html only; give a file for a PDF."
            )
        front = {"meeting": meeting, "meeting_date": _day(meeting_date), "contact": contact}
        _write(fn(*args, front=front, **kwargs), output, fmt)

    command: Callable[..., None] = run
    for option in reversed(_meeting):
        command = option(command)
    return command


@click.group("report")
def report() -> None:
    """Board papers: regional DHR position, pooled budget statement, master action plan, a
    partnership's own DHR paper, a group's master action plan, a region's joint
    commissioning."""


def _day(value: datetime | None) -> date | None:
    return value.date() if value else None


def _write(paper: Paper, output: Path, fmt: str | None) -> None:
    if str(output) == "-":  # HTML to standard output (checked before the paper was built)
        click.echo(to_html(paper), nl=False)
        return
    fmt = fmt or ("html" if output.suffix.lower() in (".html", ".htm") else "pdf")
    if fmt == "html":
        write_private(output, to_html(paper).encode("utf-8"))
    else:
        click.echo("rendering the PDF...", err=True)
        write_private(output, to_pdf(paper))
    click.echo(f"wrote {output} ({fmt.upper()}, {output.stat().st_size:,} bytes)")


@report.command("regional")
@click.argument("region")
@click.option("--until", type=DAY, default=None, help="last day counted (default: today)")
@click.option("--since", type=DAY, default=None, help="first day counted (default: 13 April 2011)")
@AS_RECORDED
@meeting_options
def regional(
    region: str,
    until: datetime | None,
    since: datetime | None,
    recorded_by: datetime | None,
    front: dict[str, Any],
) -> Paper:
    """The region's DHRs per partnership (seed 000's table), timeliness, themes, actions, money.

    Built from the partnerships' events as recorded now (or by --as-recorded), so it needs no
    running projections.
    """
    day = judged_on(None, recorded_by)
    with platform() as p:
        p.registry.region(region)
        click.echo(f"reading the events of {region}'s partnerships...", err=True)
        with as_of(p, recorded_by or datetime.now(UTC), region) as views:
            paper = build.regional(
                p,
                views,
                region,
                _day(until) or day,
                since=_day(since),
                today=day if recorded_by else None,
                recorded_by=recorded_by,
                **front,
            )
    return paper


def _dhrs(ctx: click.Context, param: click.Parameter, value: str) -> str:
    """Checked as the forecast reads it (``parse_dhrs``) before the paper is built: the paper
    would otherwise say "no forecast is given" and the command succeed."""
    try:
        parse_dhrs(value)
    except DomainError as wrong:
        raise click.BadParameter(str(wrong), ctx=ctx, param=param) from None
    return value


@report.command("pooled-budget")
@click.argument("owner", metavar="OWNER")
@click.argument("budget")
@click.option("--year", required=True, help="financial year, e.g. 2016/17")
@click.option(
    "--expected-dhrs",
    default="3",
    show_default=True,
    callback=_dhrs,
    help="reviews a year the forecast assumes, e.g. 2.5",
)
@click.option(
    "--cost-per-dhr",
    type=click.IntRange(min=0),
    default=None,
    help="pence; default: the plan's",
)
@AS_RECORDED
@meeting_options
def pooled_budget(
    owner: str,
    budget: str,
    year: str,
    expected_dhrs: str,
    cost_per_dhr: int | None,
    recorded_by: datetime | None,
    front: dict[str, Any],
) -> Paper:
    """A pooled budget's statement for a year (seed 001): contributions, spend, carried
    forward and the forecast. OWNER is the partnership that keeps the pot, or the region whose
    ledger hosts it for its partners (e.g. leicestershire-rutland); BUDGET is its reference
    (e.g. llr-dhr)."""
    with platform() as p:
        in_region = _is_region(p, owner)
        try:
            paper = build.pooled(
                p,
                owner,
                budget,
                year,
                in_region=in_region,
                expected_dhrs=expected_dhrs,
                cost_per_dhr=cost_per_dhr,
                recorded_by=recorded_by,
                **front,
            )
        except NotFoundError:
            region = p.registry.tenant(owner).region if not in_region else None
            if region is not None and _hosts(p, region, budget):
                raise NotFoundError(
                    f"{owner} keeps no pot {budget!r}; its region hosts it for its partners: "
                    f"`ledger report pooled-budget {region} {budget} --year {year} ...`."
                ) from None
            raise
    return paper


def _hosts(p: Platform, region: str, budget: str) -> bool:
    with p.region_ledgers.lease(region, writing=False) as shared:
        return any(budget in (b.reference, str(b.budget_id)) for b in shared.funding.budgets())


def _is_region(p: Platform, owner: str) -> bool:
    """A pot's OWNER names a partnership, else a region; neither is refused with both lists."""
    for found, is_region in ((p.registry.tenant, False), (p.registry.region, True)):
        try:
            found(owner)
            return is_region
        except NotFoundError:
            pass
    raise NotFoundError(
        f"No partnership or region {owner!r}: `ledger tenants list` and `ledger regions list` "
        "show them."
    )


@report.command("action-plan")
@click.argument("tenant")
@JUDGED_ON
@AS_RECORDED
@meeting_options
def action_plan(
    tenant: str,
    on: datetime | None,
    recorded_by: datetime | None,
    front: dict[str, Any],
) -> Paper:
    """A partnership's master action plan: actions overdue and awaiting impact review.
    With --as-recorded, the plan the board saw then (overdue judged on that day unless --on)."""
    with platform() as p:
        day = judged_on(_day(on), recorded_by)
        paper = build.action_plan(p, tenant, day, recorded_by, **front)
    return paper


@report.command("partnership")
@click.argument("tenant")
@AS_RECORDED
@meeting_options
def partnership(tenant: str, recorded_by: datetime | None, front: dict[str, Any]) -> Paper:
    """A partnership's own DHR paper for its board: its reviews under way with their statutory
    clocks, its action plan in summary and what its reviews cost. With --as-recorded, the
    paper as the ledger had recorded things by then (clocks and overdue judged that day)."""
    with platform() as p:
        return build.partnership(p, tenant, judged_on(None, recorded_by), recorded_by, **front)


@report.command("group-plan")
@region_and_group
@JUDGED_ON
@AS_RECORDED
@meeting_options
def group_plan(
    region: str,
    group: str | None,
    on: datetime | None,
    recorded_by: datetime | None,
    front: dict[str, Any],
) -> Paper:
    """The master action plan of a partnership group (GROUP is its key, e.g. llr-districts):
    its members' actions overdue and awaiting impact review, and the group's own. Without
    GROUP, the region's groups are listed."""
    day = judged_on(_day(on), recorded_by)
    with platform() as p:
        key = group_named(p, region, group)
        _, plan = group_plan_body(p, GroupPlanRead(region, key, on=day, at=recorded_by))
        name = p.registry.region(region).name
    return group_plan_paper(plan, GroupPlanAsk(name, day, recorded_by=recorded_by, **front))


@report.command("commissioning")
@click.argument("region")
@click.option(
    "--on", "on", type=DAY, default=None, help="judge milestones and endings on this day (today)"
)
@AS_RECORDED
@meeting_options
def commissioning(
    region: str, on: datetime | None, recorded_by: datetime | None, front: dict[str, Any]
) -> Paper:
    """The region's joint commissioning: each area's minimum spend beside what is allocated,
    the funding agreements and their extensions, changes of provider, milestones, payments."""
    day = judged_on(_day(on), recorded_by)
    with platform() as p:
        _, body = commissioning_body(p, region, day, recorded_by)
        name = p.registry.region(region).name
    return commissioning_paper(body, CommissioningAsk(name, day, recorded_by=recorded_by, **front))
