"""``ledger keys``, ``ledger vault`` and ``ledger retention``: encryption keys and personal data."""

from __future__ import annotations

from uuid import UUID

import click

from adapters.crypto.master import format_master_key
from adapters.crypto.sealed import new_key
from api.cli.common import platform
from domain.calendar import uk_today
from domain.errors import InvalidTransitionError
from domain.reviews.review import review_id
from domain.vault import ErasureBasis


def _case(value: str) -> UUID:
    """A case by its id or by its reference (e.g. DHR-2014-03)."""
    try:
        return UUID(value)
    except ValueError:
        return review_id(value)


@click.group()
def keys() -> None:
    """Data keys that encrypt each store's events, wrapped by the master key."""


@keys.command("new-master")
def keys_new_master() -> None:
    """Print a new random master key for LEDGER_MASTER_KEY (keep it in your secret store)."""
    click.echo(format_master_key(new_key()))


@keys.command("rotate")
@click.argument("tenant")
def keys_rotate(tenant: str) -> None:
    """Give TENANT a new data key for new events; older keys stay (wrapped) for older events."""
    with platform() as p:
        area = p.registry.tenant(tenant).store_area
        number = p.stores.keyring.rotate(area)
        click.echo(f"{tenant}\tdata key {number} now encrypts new events (older keys kept)")


@keys.command("list")
@click.argument("tenant")
def keys_list(tenant: str) -> None:
    """The numbers of TENANT's data keys; the highest encrypts new events."""
    with platform() as p:
        area = p.registry.tenant(tenant).store_area
        numbers = p.stores.keyring.numbers(area)
        click.echo(f"{tenant}\t" + (", ".join(map(str, numbers)) or "none yet"))


@click.group()
def vault() -> None:
    """A case's personal details (real names, dates of birth, addresses)."""


@vault.command("erase")
@click.argument("tenant")
@click.argument("case")
@click.option("--reason", required=True, help="why (recorded encrypted in the case's history)")
@click.option("--yes", is_flag=True, help="do not ask for confirmation")
def vault_erase(tenant: str, case: str, reason: str, yes: bool) -> None:
    """Erase CASE's personal details in TENANT for good by destroying its key (crypto-shredding).

    CASE is the case id or reference. The case, its history and statistics stay, and
    `ledger audit verify` still passes.
    """
    if not yes:
        click.confirm("Erasure cannot be undone. Erase this case's personal details?", abort=True)
    with platform() as p, p.ledgers.lease(tenant) as ledger:
        ledger.vault.erase(_case(case), reason, uk_today(), ErasureBasis.REQUEST)
    click.echo(f"{tenant}\t{case}\tpersonal details erased (case key destroyed)")


@click.group()
def retention() -> None:
    """Each partnership's retention schedule for personal details, and applying it."""


@retention.command("set")
@click.argument("tenant")
@click.argument("years", type=int)
def retention_set(tenant: str, years: int) -> None:
    """Erase TENANT's personal details YEARS after a case is published or closed."""
    with platform() as p, p.ledgers.lease(tenant) as ledger:
        ledger.vault.set_retention_years(years, uk_today())
    click.echo(f"{tenant}\tpersonal details kept {years} years after publication or closure")


@retention.command("run")
@click.argument("tenants", nargs=-1)
@click.option("--dry-run", is_flag=True, help="list what would be erased, erase nothing")
def retention_run(tenants: tuple[str, ...], dry_run: bool) -> None:
    """Erase every vault entry the schedule says is due (default: all active tenants).

    Each erasure is recorded in the case's history with basis 'retention'.
    """
    today = uk_today()
    erased = due_total = 0
    with platform() as p:
        # every tenant named is checked before anything is erased: an erasure cannot be undone
        named = [p.registry.tenant(slug) for slug in dict.fromkeys(tenants)]
        closed = [f"{t.slug} ({t.status})" for t in named if t.status != "active"]
        if closed and not dry_run:
            raise InvalidTransitionError(
                f"Nothing was erased: {', '.join(closed)} cannot be written to; reinstate "
                "it first, or leave it out of the list."
            )
        slugs = [t.slug for t in named] or [
            t.slug for t in p.registry.tenants() if t.status == "active"
        ]
        for slug in slugs:
            with p.ledgers.lease(slug, writing=not dry_run) as ledger:
                years = ledger.vault.retention_years()
                if years is None:
                    click.echo(f"{slug}\tno retention schedule (`ledger retention set`)")
                    continue
                for item in ledger.vault.retention_due(today):
                    due_total += 1
                    what = f"{slug}\t{item.reference}\tended {item.ended_on}, due {item.due_on}"
                    if dry_run:
                        click.echo(f"{what}\twould erase")
                        continue
                    reason = f"Retention schedule: {years} years after {item.ended_on}"
                    ledger.vault.erase(item.review_id, reason, today, ErasureBasis.RETENTION)
                    erased += 1
                    click.echo(f"{what}\terased")
    click.echo(f"{due_total} due, {erased} erased" + (" (dry run)" if dry_run else ""))
