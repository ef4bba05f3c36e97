"""``ledger export national`` writes the anonymised national
learning export (suppressed counts in the Home Office taxonomy), or its JSON Schema."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import click

from adapters.private_files import write_private
from api.cli.common import FILE_OUT, platform
from api.tables.notes import left_out_words
from domain.learning.national_schema import export_schema
from tenants.learning.corpus import RecommendationCorpus
from tenants.learning.national_export import as_csv, as_json, national_rows


@click.command("national")
@click.option(
    "--since",
    type=click.DateTime(formats=["%Y-%m-%d", "%Y-%m"]),
    help="cases notified from this month on (YYYY-MM or YYYY-MM-DD; the day is ignored)",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "csv"]),
    default="json",
    show_default=True,
    help="json (the cells and what they cover) or csv (one line per cell)",
)
@click.option("-o", "--output", type=FILE_OUT, default="-", help="file to write (default: stdout)")
@click.option("--schema", is_flag=True, help="write the export's JSON Schema instead")
def national(since: datetime | None, fmt: str, output: Path, schema: bool) -> None:
    """The anonymised national learning export: counts of cases and recommendations by theme,
    addressee, outcome and impact; cells of fewer than 5 cases suppressed."""
    if schema:
        _write(output, json.dumps(export_schema(), indent=1) + "\n")
        return
    if since is None:
        raise click.UsageError("Give --since YYYY-MM (or --schema for the JSON Schema).")
    with platform() as p:

        def progress(n: int, total: int, _slug: str) -> None:
            click.echo(f"read {n}/{total} partnerships", err=True)

        rows, unreadable = national_rows(RecommendationCorpus(p), since.date(), progress)
    _write(output, as_json(rows, since.date(), unreadable) if fmt == "json" else as_csv(rows))
    if unreadable:
        click.echo(left_out_words(unreadable, "the partnerships"), err=True)
    suppressed = sum(1 for r in rows if r["suppressed"])
    click.echo(f"{len(rows)} cells written, {suppressed} suppressed (fewer than 5 cases)", err=True)


def _write(output: Path, text: str) -> None:
    """To standard output for '-', else to a file only its owner reads, as every output."""
    if str(output) == "-":
        click.echo(text, nl=False)
    else:
        write_private(output, text.encode("utf-8"))
