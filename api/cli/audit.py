"""``ledger audit``: seal tenants' histories and prove later that nothing was altered."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from adapters.private_files import private_output
from api.cli.common import DAY, FILE_OUT, OPERATOR, platform, reports_domain_errors
from api.policy import tenant_in_scope
from domain.audit.seal import Seal
from domain.errors import DomainError, InvalidTransitionError
from tenants.audit import HistoryAlteredError, Verification
from tenants.bundles.export import write_bundle
from tenants.bundles.logging import log_export
from tenants.ledger import PartnershipLedger
from tenants.platform import Platform
from tenants.region_ledger import RegionLedger
from tenants.users import Role


def _tenants(p: Platform, slugs: tuple[str, ...]) -> list[str]:
    """Tenants by slug, and regions' own ledgers as ``@<region>`` (default: all of both)."""
    regions = ["@" + r.slug for r in p.registry.regions()]
    return list(slugs) or [t.slug for t in p.registry.tenants()] + regions


@contextmanager
def _ledger(p: Platform, slug: str) -> Iterator[PartnershipLedger | RegionLedger]:
    if slug.startswith("@"):
        with p.region_ledgers.lease(slug[1:], writing=False) as region:
            yield region
        return
    with p.ledgers.lease(slug, writing=False) as ledger:
        yield ledger


@click.group()
def audit() -> None:
    """Hash-chain seals over every tenant's events, and their verification."""


@audit.command("seal")
@click.argument("tenants", nargs=-1)
@reports_domain_errors
def audit_seal(tenants: tuple[str, ...]) -> None:
    """Seal the history of TENANTS (default: all) after verifying it; exit 1 if any was not.

    Run it on a schedule, e.g. nightly. A tenant whose history verify would call altered is not
    sealed (an auditor must look first) and the others still are."""

    def seal(p: Platform, slug: str) -> bool:
        try:
            with _ledger(p, slug) as ledger:
                done = p.audit.seal(ledger)
        except HistoryAlteredError as altered:
            click.echo(
                f"{slug}\tNOT SEALED: its history was altered outside the service, and a "
                "seal must never vouch for that; an auditor must look first (`ledger audit "
                f"verify {slug}`), then restore its store from a backup taken before it"
            )
            for problem in altered.verification.problems:
                click.echo(f"  {problem}")
            return False
        click.echo(f"{slug}\tposition {done.position}\t{done.events} events\t{done.link}")
        return True

    _each(tenants, "NOT SEALED", seal)


def sealed(p: Platform, slugs: tuple[str, ...] = ()) -> Iterator[tuple[str, Seal]]:
    """Seal each of ``slugs`` (default: every tenant and region ledger), one at a time."""
    for slug in _tenants(p, slugs):
        with _ledger(p, slug) as ledger:
            yield slug, p.audit.seal(ledger)


@audit.command("verify")
@click.argument("tenants", nargs=-1)
@reports_domain_errors
def audit_verify(tenants: tuple[str, ...]) -> None:
    """Recompute the chain of TENANTS (default: all) and check every seal; exit 1 if any broke."""

    def verify(p: Platform, slug: str) -> bool:
        result = _verified(p, slug)
        unsealed = (
            f"; {result.unsealed_events} events after the last seal (seal again to cover them)"
            if result.unsealed_events
            else ""
        )
        bundles = f", {result.exports_checked} exported bundles" if result.exports_checked else ""
        if result.intact:
            click.echo(
                f"{slug}\tintact\t{result.events_checked} events, "
                f"{result.seals_checked} seals{bundles}{unsealed}"
            )
            return True
        click.echo(
            f"{slug}\tALTERED at or before position {result.broken_at_seal}: restore this "
            "tenant's store from a backup taken before that seal and investigate access logs"
            if result.broken_at_seal is not None
            else f"{slug}\tALTERED: its events match their seals, but see below"
        )
        for problem in result.problems:
            click.echo(f"  {problem}")
        return False

    _each(tenants, "NOT VERIFIED", verify)


def _each(tenants: tuple[str, ...], not_done: str, work: Callable[[Platform, str], bool]) -> None:
    """Run ``work`` on each of ``tenants`` (default: every tenant and region ledger) and exit 1
    if it failed for any. A store broken past reading is reported as ``not_done`` and the
    others still run: one bad store must not hide the rest from an auditor."""
    failed = 0
    with platform() as p:
        for slug in _tenants(p, tenants):
            try:
                ok = work(p, slug)
            except DomainError:  # a mistyped tenant: said once, as every command says it
                raise
            except Exception as error:  # reported, and the others still run
                ok = False
                click.echo(
                    f"{slug}\t{not_done}: its store could not be read ({type(error).__name__}: "
                    f"{error}); restore it from a backup and investigate access logs"
                )
            failed += not ok
    sys.exit(1 if failed else 0)


def _verified(p: Platform, slug: str) -> Verification:
    with (
        _ledger(p, slug) as ledger,
        click.progressbar(
            length=ledger.recorder.max_notification_id() or 0,
            label=f"verifying {slug}",
            file=sys.stderr,
        ) as bar,
    ):
        return p.audit.verify(ledger, bar.update)


@audit.command("export")
@click.argument("tenant")
@click.option(
    "--from",
    "since",
    type=DAY,
    default=None,
    help="only events recorded from this day (UTC) on; default: the whole history",
)
@click.option("-o", "--output", "output", type=FILE_OUT, required=True)
@click.option(
    "--auditor",
    default=None,
    help="the auditor it is for: checked against their grant and logged in their read log",
)
@reports_domain_errors
def audit_export(tenant: str, since: Any, output: Path, auditor: str | None) -> None:
    """Write TENANT's audit bundle (events as stored, seals, chain, verifier) to a zip file."""
    day = since.date() if since else None
    with platform() as p:
        exported_for, auditor_id = OPERATOR, None
        if auditor is not None:
            user = p.access.user(auditor)
            region = p.registry.tenant(tenant).region
            if user.role != Role.AUDITOR or not tenant_in_scope(user, tenant, region):
                raise InvalidTransitionError(
                    f"{auditor!r} is not an auditor granted {tenant!r}; grant it first "
                    "(`ledger users add NAME --role auditor --tenant ...`)."
                )
            exported_for, auditor_id = f"auditor:{user.name}", user.id
        with p.ledgers.lease(tenant, writing=False) as ledger:
            total = ledger.recorder.max_notification_id() or 0
            with (
                private_output(output) as out,
                click.progressbar(
                    length=total, label=f"exporting {tenant}", file=sys.stderr
                ) as bar,
            ):
                done = write_bundle(
                    out, ledger, p.audit, exported_for=exported_for, since=day, progress=bar.update
                )
        log_export(p, tenant, exported_for, day, done, auditor_id=auditor_id)
    if done.problems:  # exported all the same: the evidence is what an auditor needs
        click.echo(
            f"{tenant}\tALTERED: verifying its history before export found these problems; "
            'the bundle holds the evidence and says so (manifest.json, "verification"):\n  '
            + "\n  ".join(done.problems)
        )
    click.echo(
        f"{tenant}\t{done.events} events\thead {done.head_link}\t{output}\n"
        f"Check it anywhere with: unzip {output} -d bundle && python3 bundle/verify.py\n"
        "OFFICIAL-SENSITIVE: it holds the partnership's readable history; keep it on "
        "encrypted, access-controlled storage and delete it when the audit is done."
    )
    sys.exit(1 if done.problems else 0)
