"""``ledger audit``: seal tenants' histories and prove later that nothing was altered."""

from __future__ import annotations

import sys

import click

from api.cli.common import platform, reports_domain_errors
from tenants.platform import Platform


def _tenants(p: Platform, slugs: tuple[str, ...]) -> list[str]:
    return list(slugs) or [t.slug for t in p.registry.tenants()]


@click.group()
def audit() -> None:
    """Hash-chain seals over every tenant's events, and their verification."""


@audit.command("seal")
@click.argument("tenants", nargs=-1)
@reports_domain_errors
def audit_seal(tenants: tuple[str, ...]) -> None:
    """Seal the history of TENANTS (default: all). Run it on a schedule, e.g. nightly."""
    with platform() as p:
        for slug in _tenants(p, tenants):
            with p.ledgers.lease(slug, writing=False) as ledger:
                seal = p.audit.seal(ledger)
            click.echo(f"{slug}\tposition {seal.position}\t{seal.events} events\t{seal.link}")


@audit.command("verify")
@click.argument("tenants", nargs=-1)
@reports_domain_errors
def audit_verify(tenants: tuple[str, ...]) -> None:
    """Recompute the chain of TENANTS (default: all) and check every seal; exit 1 if any broke."""
    broken = 0
    with platform() as p:
        for slug in _tenants(p, tenants):
            with (
                p.ledgers.lease(slug, writing=False) as ledger,
                click.progressbar(
                    length=ledger.recorder.max_notification_id() or 0,
                    label=f"verifying {slug}",
                    file=sys.stderr,
                ) as bar,
            ):
                result = p.audit.verify(ledger, bar.update)
            unsealed = (
                f"; {result.unsealed_events} events after the last seal (seal again to cover them)"
                if result.unsealed_events
                else ""
            )
            if result.intact:
                click.echo(
                    f"{slug}\tintact\t{result.events_checked} events, "
                    f"{result.seals_checked} seals{unsealed}"
                )
            else:
                broken += 1
                click.echo(
                    f"{slug}\tALTERED at or before position {result.broken_at_seal}: restore this "
                    "tenant's store from a backup taken before that seal and investigate access logs"
                )
                for problem in result.problems:
                    click.echo(f"  {problem}")
    sys.exit(1 if broken else 0)
