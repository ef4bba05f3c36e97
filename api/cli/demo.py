"""``ledger demo``: the seeds' three regions with fictional cases, for trying the service."""

from __future__ import annotations

import sys

import click

from api.cli.audit import sealed
from api.cli.common import platform
from tenants.demo.credentials import ensure_demo_credentials
from tenants.demo.load import ensure_tenants, load_case, steps
from tenants.demo.money import load_money
from tenants.demo.people import ensure_users
from tenants.demo.research import load_research


@click.command("demo")
def demo() -> None:
    """Load demo data for West Midlands, Leicestershire & Rutland and Staffordshire (idempotent)."""
    with platform() as p:
        ensure_tenants(p)
        users = ensure_users(p)  # first: each partnership's officer records its cases
        todo = list(steps())
        added = 0
        with click.progressbar(todo, label="Loading demo cases", file=sys.stderr) as bar:
            for step in bar:
                added += load_case(p, step)
        load_money(p)
        load_research(p)
        sign_ins = ensure_demo_credentials(p.access, users)
        seals = sum(1 for _ in sealed(p))  # what the nightly `ledger audit seal` would have done
    click.echo(f"demo data ready: {added} cases added, {len(todo) - added} already present")
    click.echo(f"history sealed: {seals} ledgers (auditors' 'Verify integrity' checks them)")
    click.echo("sign in at http://127.0.0.1:8000/ as any demo user (demo only: change them with")
    click.echo(
        "`ledger users set-password NAME`; a two-factor secret goes in an authenticator app,"
    )
    click.echo(
        "or `python -c 'import pyotp; print(pyotp.TOTP(\"SECRET\").now())'` shows the code):"
    )
    for line in sign_ins:
        click.echo(line)
    click.echo(
        "try the API: TOKEN=$(.venv/bin/ledger tokens issue demo-west-midlands-analyst) && "
        'curl -H "Authorization: Bearer $TOKEN" '
        "http://127.0.0.1:8000/api/v1/regions/west-midlands/views/dhr-counts"
    )
