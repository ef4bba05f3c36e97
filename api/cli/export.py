"""``ledger export VIEW ...``: a register or regional view as CSV or XLSX, the same files the
API gives for ``Accept: text/csv`` or the spreadsheet type (``api.tables``)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import UTC, datetime
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
from api.tables.bodies import (
    REGIONAL,
    REGISTERS,
    GroupPlanRead,
    commissioning_body,
    group_plan_body,
    judged_on,
    pots_unread,
    regional_body,
    register_body,
)
from api.tables.columns import Table
from api.tables.notes import each_left_out_words, left_out_words, whose
from api.tables.notes import left_out as notes_left_out
from api.tables.registers import GROUP_PLAN
from api.tables.writers import as_recorded, to_csv, to_xlsx
from projections.asof import as_of
from tenants.platform import Platform
from tenants.unreadable import LeftOut


@click.group("export")
def export() -> None:
    """Write a register or regional view as CSV or XLSX (`ledger export dhr-counts west-midlands
    --until 2013-09-04 -o dhrs.xlsx`), a region's joint commissioning or a group's master plan,
    or the national learning export (`ledger export national`). `--as-recorded 2017-03-31`
    writes a table as the ledger had recorded it by the end of that day."""


OUTPUT = "FILE.csv or FILE.xlsx; CSV goes to standard output without it"
HANDLING = (  # on standard error, so a CSV piped on from standard output stays clean
    "OFFICIAL-SENSITIVE: it holds the partnership's records (a regional view, its figures); "
    "keep it on encrypted, access-controlled storage and delete it when it is no longer needed."
)


def file_options(fn: Callable[..., None]) -> Callable[..., None]:
    """What every file of ``ledger export`` asks: which table for a CSV, the file, its format,
    and when it is read as recorded by."""
    command: Callable[..., None] = fn
    for option in (
        AS_RECORDED,
        click.option(
            "--format",
            "fmt",
            type=click.Choice(["csv", "xlsx"]),
            default=None,
            help="default: from the file's extension, else csv",
        ),
        click.option("-o", "--output", type=FILE_OUT, help=OUTPUT),
        click.option(
            "--table", default=None, help="CSV of a multi-table view: which (e.g. by_owner)"
        ),
    ):
        command = option(command)
    return command


def _view_command(view: str) -> click.Command:
    owner_kind = "REGION" if view in REGIONAL else "TENANT"

    @click.command(view, help=f"Write the {view} view of {owner_kind} as CSV or XLSX.")
    @click.argument("owner", metavar=owner_kind)
    @click.option("--since", type=DAY, default=None, help="regional views: first day counted")
    @click.option("--until", type=DAY, default=None, help="regional views: last day counted")
    @file_options
    def write(**options: Any) -> None:
        _write(view, **options)

    return write


def _write(
    view: str,
    owner: str,
    since: datetime | None,
    until: datetime | None,
    recorded_by: datetime | None,
    table: str | None,
    output: Path | None,
    fmt: str | None,
) -> None:
    window = {"since": since.date() if since else None, "until": until.date() if until else None}
    with platform() as p:
        spec, body, context = _body(p, view, owner, window, recorded_by)
    _emit(spec, body, context, table, output, fmt, recorded_by)


def _emit(
    spec: Table,
    body: Any,
    context: list[tuple[str, Any]],
    table: str | None,
    output: Path | None,
    fmt: str | None,
    recorded_by: datetime | None,
) -> None:
    """Write ``body`` as ``spec`` lays it out: to the file asked for, or CSV to stdout."""
    _, context = as_recorded("", context, recorded_by)
    fmt = fmt or (output.suffix.lower().lstrip(".") if output else "csv")
    if fmt not in ("csv", "xlsx"):
        raise click.UsageError("give -o FILE.csv or FILE.xlsx, or --format csv|xlsx")
    if fmt == "xlsx" and output is None:
        raise click.UsageError("an XLSX needs a file: add -o FILE.xlsx")
    data = to_csv(spec, body, table) if fmt == "csv" else to_xlsx(spec, body, context)
    if output is None:
        sys.stdout.buffer.write(data)
    else:
        write_private(output, data)
        click.echo(f"wrote {output} ({fmt.upper()}, {len(data):,} bytes)", err=True)
    click.echo(HANDLING, err=True)


for _view in (*REGIONAL, *REGISTERS):
    export.add_command(_view_command(_view))


@export.command("commissioning")
@click.argument("region")
@file_options
def commissioning(
    region: str,
    recorded_by: datetime | None,
    table: str | None,
    output: Path | None,
    fmt: str | None,
) -> None:
    """Write REGION's joint commissioning as CSV or XLSX: each budget's minimum spend by area
    beside what is allocated (--table areas), each funding agreement with who pays it
    (agreements), what each funder has paid (payments)."""
    with platform() as p:
        spec, body = commissioning_body(p, region, None, recorded_by)
        context = whose(p, region)
    _emit(spec, body, context, table, output, fmt, recorded_by)


@export.command("group-plan")
@region_and_group
@file_options
def group_plan(
    region: str,
    group: str | None,
    recorded_by: datetime | None,
    table: str | None,
    output: Path | None,
    fmt: str | None,
) -> None:
    """Write the master action plan of GROUP (its key, e.g. llr-districts) in REGION as CSV or
    XLSX: the members' actions (--table lines) and the group's own (items). Without GROUP, the
    region's groups are listed."""
    with platform() as p:
        read = GroupPlanRead(region, group_named(p, region, group), at=recorded_by)
        found, body = group_plan_body(p, read)
        count, said = sum(body["left_out"].values()), each_left_out_words(body["left_out"])
        if count:
            click.echo(said, err=True)
        context = [*whose(p, region), ("Group", found.name), *notes_left_out(count, said)]
    _emit(GROUP_PLAN, body, context, table, output, fmt, recorded_by)


def _body(
    p: Platform, view: str, owner: str, window: dict[str, Any], at: datetime | None
) -> tuple[Table, Any, list[tuple[str, Any]]]:
    if view in REGIONAL:
        p.registry.region(owner)
        with as_of(p, at or datetime.now(UTC), owner) as views:
            today = judged_on(None, at) if at else None
            spec, body = regional_body(p, views, view, owner, **window, today=today)
        return spec, body, whose(p, owner)
    left_out = LeftOut(f"ledger export {view}", owner)
    if view == "costs":  # with what the region's pots paid, from its money view as recorded
        with as_of(p, at or datetime.now(UTC), p.registry.tenant(owner).region) as views:
            spec, body = register_body(p, view, owner, at, left_out, views)
    else:
        spec, body = register_body(p, view, owner, at, left_out)
    if left_out.count:
        click.echo(left_out_words(left_out.count), err=True)
    context = [*whose(p, tenant=owner), *pots_unread(body), *notes_left_out(left_out.count)]
    return spec, body, context
