"""``ledger export national`` writes the anonymised national
learning export (suppressed counts in the Home Office taxonomy), or its JSON Schema."""

from __future__ import annotations

import json
from datetime import datetime
from typing import TextIO

import click

from api.cli.common import into_a_folder, platform, reports_domain_errors
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
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), default="json")
@click.option(
    "--output",
    type=click.File("w"),
    default="-",
    callback=into_a_folder,
    help="file to write (default: stdout)",
)
@click.option("--schema", is_flag=True, help="write the export's JSON Schema instead")
@reports_domain_errors
def national(since: datetime | None, fmt: str, output: TextIO, schema: bool) -> None:
    """The anonymised national learning export: counts of cases and recommendations by theme,
    addressee, outcome and impact; cells of fewer than 5 cases suppressed."""
    if schema:
        output.write(json.dumps(export_schema(), indent=1) + "\n")
        return
    if since is None:
        raise click.UsageError("Give --since YYYY-MM (or --schema for the JSON Schema).")
    with platform() as p:

        def progress(n: int, total: int, _slug: str) -> None:
            click.echo(f"read {n}/{total} partnerships", err=True)

        rows, unreadable = national_rows(RecommendationCorpus(p), since.date(), progress)
    output.write(as_json(rows, since.date(), unreadable) if fmt == "json" else as_csv(rows))
    if unreadable:
        click.echo(left_out_words(unreadable, "the partnerships"), err=True)
    suppressed = sum(1 for r in rows if r["suppressed"])
    click.echo(f"{len(rows)} cells written, {suppressed} suppressed (fewer than 5 cases)", err=True)
