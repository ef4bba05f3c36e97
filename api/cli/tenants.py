"""``ledger regions`` and ``ledger tenants``: onboarding and offboarding partnerships."""

from __future__ import annotations

import click

from api.cli.common import REASON, arguments, on_platform, platform
from tenants.platform import Platform


@click.group()
def regions() -> None:
    """Create and list regions (usually one police force area and its PCC)."""


@regions.command("create")
@arguments("slug", "name")
@on_platform("region {slug} created")
def regions_create(p: Platform, slug: str, name: str) -> None:
    """Create a region, e.g. `ledger regions create west-midlands "West Midlands"`."""
    p.registry.create_region(slug, name)


@regions.command("list")
def regions_list() -> None:
    """List every region."""
    with platform() as p:
        for r in p.registry.regions():
            click.echo(f"{r.slug}\t{r.name}")


@click.group()
def tenants() -> None:
    """Register, list, suspend, reinstate, move and offboard tenants (CSPs)."""


@tenants.command("register")
@arguments("slug", "name")
@click.option("--region", required=True, help="slug of an existing region")
@on_platform("tenant {slug} registered in {region}; its store is ready")
def tenants_register(p: Platform, slug: str, name: str, region: str) -> None:
    """Register a tenant and create its own event store."""
    p.register_tenant(slug, name, region)


@tenants.command("list")
@click.option("--region", default=None, help="only tenants of this region")
def tenants_list(region: str | None) -> None:
    """List tenants with their region and status."""
    with platform() as p:
        if region:
            p.registry.region(region)
        found = p.registry.tenants(region)
        for t in found:
            click.echo(f"{t.slug}\t{t.region}\t{t.status}\t{t.name}")
        if not found and not region:  # a mistyped LEDGER_DATA_DIR makes an empty platform
            click.echo(
                "no tenants are registered here; check that LEDGER_DATA_DIR or "
                "LEDGER_DATABASE_URL points where you meant, or register one with "
                "`ledger tenants register`",
                err=True,
            )


@tenants.command("rename")
@arguments("slug", "name")
@on_platform("tenant {slug} renamed")
def tenants_rename(p: Platform, slug: str, name: str) -> None:
    """Give a tenant a new display name (its slug and store stay)."""
    p.registry.rename_tenant(slug, name)


@tenants.command("move")
@click.argument("slug")
@click.option("--region", default=None, help="move the tenant to this region")
@click.option(
    "--to",
    "server",
    default=None,
    metavar="URL",
    help="move the tenant's store to this PostgreSQL server (postgresql://user@host:port/db)",
)
def tenants_move(slug: str, region: str | None, server: str | None) -> None:
    """Move a tenant to another region (--region) or its store to another server (--to)."""
    if (region is None) == (server is None):
        raise click.UsageError("give exactly one of --region or --to")
    if server is not None and not server.startswith(("postgresql://", "postgres://")):
        raise click.BadParameter(
            "give the PostgreSQL server as postgresql://user@host:port/database.",
            param_hint="--to",
        )
    with platform() as p:
        if region is not None:
            p.move_tenant(slug, region)
            click.echo(f"tenant {slug} moved to {region}")
            return
        from tenants.backup.moving import move_tenant

        assert server is not None
        result = move_tenant(p, slug, server, say=lambda line: click.echo(line, err=True))
    click.echo(f"tenant {slug} moved: {result.events} events verified on {server}")


@tenants.command("suspend")
@click.argument("slug")
@REASON
@on_platform("tenant {slug} suspended")
def tenants_suspend(p: Platform, slug: str, reason: str) -> None:
    """Stop all recording for a tenant; its history stays readable."""
    p.registry.suspend_tenant(slug, reason)


@tenants.command("reinstate")
@click.argument("slug")
@on_platform("tenant {slug} reinstated")
def tenants_reinstate(p: Platform, slug: str) -> None:
    """Allow a suspended tenant to record again."""
    p.reinstate_tenant(slug)


@tenants.command("offboard")
@click.argument("slug")
@REASON
@on_platform("tenant {slug} offboarded")
def tenants_offboard(p: Platform, slug: str, reason: str) -> None:
    """Offboard a tenant: it leaves regional views; its store is kept for audit until purged."""
    p.registry.offboard_tenant(slug, reason)
