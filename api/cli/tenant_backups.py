"""``ledger tenants backup`` / ``restore``: one partnership's store to a file and back."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from api.cli.audit import ANCHOR_OPTION, anchoring, not_sealed
from api.cli.common import FILE_IN, FILE_OUT, Ticking, platform
from api.cli.tenants import tenants
from tenants.audit import HistoryAlteredError


@tenants.command("backup")
@click.argument("slug")
@click.option(
    "-o",
    "--output",
    "output",
    required=True,
    type=FILE_OUT,
    help="the backup file to write (a new name: an older backup is never replaced unless "
    "--replace)",
)
@click.option("--replace", is_flag=True, help="replace FILE if it exists (an older backup)")
@ANCHOR_OPTION
def tenants_backup(slug: str, output: Path, replace: bool, anchor: Path | None) -> None:
    """Seal SLUG's history, then write its store (events and seals) to FILE. The seal is
    checked against the anchor's earlier lines, and adds a line to it, as `audit seal`'s."""
    from tenants.backup import backup_tenant

    if output.exists() and not replace:  # an older backup is never lost by a slip
        raise click.BadParameter(
            f"{output} exists (an older backup?); give another name, or --replace to replace it.",
            param_hint="-o",
        )

    altered: list[HistoryAlteredError] = []
    ticking = Ticking()
    with anchoring(anchor) as kept, platform() as p:
        manifest = backup_tenant(
            p, slug, output, altered.append, kept.lines, ticking, say=ticking.say
        )
        if not altered:
            kept.append(p, [slug], quiet=True)
    click.echo(
        f"tenant {slug} backed up to {output}: {manifest.store} store, head position "
        f"{manifest.head}, {len(manifest.seals)} seals. Keep it encrypted and off this host."
    )
    if altered:  # written all the same: it is evidence, and a restore refuses it
        not_sealed(slug, altered[0], err=True)
        click.echo(
            "warning: this backup holds the altered history, as evidence; a restore refuses it.",
            err=True,
        )
        sys.exit(1)


@tenants.command("restore")
@click.argument("file", type=FILE_IN)
@click.option(
    "--as",
    "as_slug",
    default=None,
    help="restore under this slug instead (beside the partnership: a read-only copy)",
)
@click.option(
    "--to",
    "server",
    default="",
    metavar="URL",
    help="place a newly registered tenant on this PostgreSQL server (default: the platform's)",
)
def tenants_restore(file: Path, as_slug: str | None, server: str) -> None:
    """Restore a backup FILE; it goes live only if its history verifies against its seals
    and every event decrypts with the keys it carries (needs the platform's master key)."""
    from tenants.backup import restore_tenant
    from tenants.model import TenantStatus

    with platform() as p:
        placed = p.servers.placement(server) if server and p.servers else ""
        ticking = Ticking()
        result = restore_tenant(p, file, as_slug, placed, ticking, say=ticking.say)
        copy = p.registry.tenant(result.tenant).status is TenantStatus.COPY
    click.echo(
        f"tenant {result.tenant} restored: {result.events} events, head position "
        f"{result.head}, {result.seals_checked} seals verified, {result.case_keys} vault case "
        "key(s) put back"
    )
    if copy:
        click.echo(
            f"{result.tenant} is a read-only copy beside the partnership the backup was taken "
            "of, left out of the region's figures; offboard it when done."
        )
    if result.erased_in_history:
        click.echo(
            f"{len(result.erased_in_history)} vault case key(s) in the backup were left out: "
            "the restored history records their erasure, so they stay erased."
        )
    if result.erased_since_backup:
        click.echo(
            f"warning: {len(result.erased_since_backup)} vault case key(s) in the backup were "
            "left out because this platform destroyed them after the backup was taken; those "
            "cases' personal details stay unreadable. Record the erasure again on the restored "
            "tenant (`ledger vault erase`) so its history says so.",
            err=True,
        )
    if result.sealed_after_backup:
        click.echo(
            f"warning: {result.sealed_after_backup} later seal(s) vouch for events recorded after "
            "this backup; those events are not in it. Re-enter them; the regional views follow "
            "the restored store.",
            err=True,
        )
