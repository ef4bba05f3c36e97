"""``ledger import``: bring a partnership's existing spreadsheets in, checked first.

The whole file is checked before anything is recorded; problems are listed by sheet, row
and column (and written to an XLSX with the wrong cells marked with ``--problems FILE``).
A clean file is recorded in one transaction with the sheet's own dates; importing it again
records nothing new.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from adapters.private_files import write_private
from api.cli.common import FILE_IN, FILE_OUT, platform
from api.imports.problems import marked_workbook
from api.imports.run import import_sheet, unclear_said
from api.imports.sheets import SPECS
from api.imports.template import template_csv
from api.imports.themes import template_for


@click.group("import")
def import_() -> None:
    """Import cases, actions or a pooled budget from CSV or XLSX (see `import template`)."""


@import_.command("template")
@click.argument("kind", type=click.Choice(list(SPECS)))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["xlsx", "csv"]),
    default="xlsx",
    show_default=True,
    help="xlsx: a workbook to fill in; csv: the same columns as CSV",
)
@click.option(
    "--tenant",
    default=None,
    help="list this partnership's themes in an actions template (default: the standard ones)",
)
def template(kind: str, fmt: str, tenant: str | None) -> None:
    """Write the KIND template to standard output: `ledger import template cases > cases.xlsx`."""
    spec = SPECS[kind]
    if fmt == "xlsx" and sys.stdout.isatty():
        raise click.UsageError(
            "redirect the XLSX to a file: ledger import template cases > cases.xlsx"
        )
    if fmt == "csv":
        data = template_csv(spec)
    elif tenant is None:
        data = template_for(kind)
    else:
        with platform() as p:
            data = template_for(kind, (p, tenant))
    sys.stdout.buffer.write(data)


PROBLEMS = "write an XLSX of the rows with the wrong cells marked"
SHEET = (
    "the workbook's sheet to read (default: the one named as the template's, or the only one "
    "that could be imported)"
)


def _command(kind: str) -> click.Command:
    @click.command(
        kind,
        help=f"Import the {kind} sheet of FILE (.csv or .xlsx) into --tenant. " + SPECS[kind].about,
    )
    @click.argument("file", type=FILE_IN)
    @click.option("--tenant", required=True, help="the partnership (tenant slug)")
    @click.option("--check", is_flag=True, help="check the file only; record nothing")
    @click.option("--problems", "problems_to", type=FILE_OUT, help=PROBLEMS)
    @click.option("--sheet", default=None, metavar="NAME", help=SHEET)
    def run(
        file: Path, tenant: str, check: bool, problems_to: Path | None, sheet: str | None
    ) -> None:
        bar: dict[str, Any] = {}

        def start(rows: int) -> None:
            bar["bar"] = click.progressbar(
                length=rows, label=f"Checking {rows} rows", file=sys.stderr
            )
            bar["bar"].__enter__()

        with platform() as p:
            p.registry.tenant(tenant)
            try:
                outcome = unclear_said(
                    "Name it with --sheet NAME.",
                    import_sheet,
                    p,
                    tenant,
                    kind,
                    file.read_bytes(),
                    file.name,
                    record=not check,
                    progress=lambda n: bar["bar"].update(n),
                    on_rows=start,
                    sheet=sheet,
                )
            finally:
                if "bar" in bar:
                    bar["bar"].__exit__(None, None, None)
        prepared = outcome.prepared
        for problem in prepared.problems:
            click.echo(f"  {problem}", err=True)
        for note in prepared.notes:
            click.echo(f"  note: {note}", err=True)
        if prepared.problems:
            if problems_to is not None:
                write_private(
                    problems_to,
                    marked_workbook(prepared.sheet, prepared.problems, file.read_bytes()),
                )
                click.echo(f"marked rows written to {problems_to}", err=True)
            click.echo(f"error: {outcome.summary()}", err=True)
            sys.exit(1)
        verb = "checked" if check else "imported"
        click.echo(f"{file.name} {verb}: {outcome.summary()}")

    return run


for _kind in SPECS:
    import_.add_command(_command(_kind))
