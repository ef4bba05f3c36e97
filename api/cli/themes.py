"""``ledger themes``: a region's own themes, for operators scripting a region's set-up."""

from __future__ import annotations

from datetime import datetime

import click

from api.cli.common import DAY, REASON, platform
from domain.calendar import uk_today
from domain.themes import ThemeKind
from tenants.region_theme_changes import add_region_theme, retire_region_theme


@click.group()
def themes() -> None:
    """List, add and retire a region's own themes; its partnerships follow them."""


@themes.command("list")
@click.option("--region", required=True, help="the region's slug (`ledger regions list`)")
def themes_list(region: str) -> None:
    """Every theme the region added, retired ones with their date."""
    with platform() as p:
        p.registry.region(region)
        for e in p.region_themes.listing(region).entries:
            retired = e.retired_on.isoformat() if e.retired_on else "active"
            click.echo(f"{e.theme.code}\t{e.theme.kind}\t{retired}\t{e.theme.label}")


@themes.command("add")
@click.argument("code")
@click.argument("label")
@click.option("--region", required=True, help="the region's slug (`ledger regions list`)")
@click.option(
    "--kind",
    type=click.Choice([k.value for k in ThemeKind]),
    default="theme",
    show_default=True,
    help="theme: what a finding or recommendation is about; addressee: the service sector a "
    "recommendation is addressed to",
)
@click.option("--home-office-code", default="other", help="the Home Office Library code above it")
def themes_add(code: str, label: str, region: str, kind: str, home_office_code: str) -> None:
    """Add a theme for every partnership of the region."""
    with platform() as p:
        add_region_theme(p, region, code, label, kind, home_office_code)
    click.echo(f"theme {code} added to region {region}; its partnerships follow it")


@themes.command("retire")
@click.argument("code")
@click.option("--region", required=True, help="the region's slug (`ledger regions list`)")
@REASON
@click.option(
    "--on",
    "retired_on",
    type=DAY,
    default=None,
    help="the retirement date (default today)",
)
def themes_retire(code: str, region: str, reason: str, retired_on: datetime | None) -> None:
    """Retire a region theme in the region and all its partnerships; old tags keep meaning."""
    on = retired_on.date() if retired_on is not None else uk_today()
    with platform() as p:
        retire_region_theme(p, region, code, on, reason)
    click.echo(f"theme {code} retired in region {region} from {on.isoformat()}")
