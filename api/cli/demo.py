"""``ledger demo``: the seeds' three regions with fictional cases, for trying the service."""

from __future__ import annotations

import sys

import click

from api.cli.common import platform, reports_domain_errors
from tenants.demo.load import ensure_tenants, load_case, steps
from tenants.demo.money import load_money


@click.command("demo")
@reports_domain_errors
def demo() -> None:
    """Load demo data for West Midlands, Leicestershire & Rutland and Staffordshire (idempotent)."""
    with platform() as p:
        ensure_tenants(p)
        todo = list(steps())
        added = 0
        with click.progressbar(todo, label="Loading demo cases", file=sys.stderr) as bar:
            for step in bar:
                added += load_case(p, step)
        load_money(p)
    click.echo(f"demo data ready: {added} cases added, {len(todo) - added} already present")
