"""``ledger audit``: seal tenants' histories and prove later that nothing was altered."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any, BinaryIO

import click

from adapters.private_files import private_append, private_output
from api.cli.common import DAY, FILE_OUT, OPERATOR, platform
from api.policy import tenant_in_scope
from domain.audit.anchor import Anchor, seals_missing
from domain.audit.seal import Seal
from domain.errors import DomainError, InvalidTransitionError
from tenants.audit import History, HistoryAlteredError, Verification
from tenants.audit_anchor import ANCHOR_ENV, anchor_lines, anchor_now, anchor_words
from tenants.bundles.logging import export_bundle
from tenants.platform import Platform
from tenants.platform_stores import (
    PREFIX,
    histories,
    ledger_names,
    platform_store,
    ready_to_seal,
)
from tenants.users import Role

UNANCHORED_SEALS = (
    "These seals were not anchored: keep a line of each run off the database host with "
    f"`--anchor FILE` (or {ANCHOR_ENV}), so that `ledger audit verify --anchor FILE` finds "
    "seals deleted from the database."
)


def _tenants(p: Platform, slugs: tuple[str, ...]) -> list[str]:
    """Tenants by slug, and regions' own ledgers as ``@<region>`` (default: all of both)."""
    return _known(p, slugs) or ledger_names(p)


def _ledgers(p: Platform, slugs: tuple[str, ...]) -> list[str]:
    """As ``_tenants``, and by default the platform's own stores after them (seals last)."""
    return _known(p, slugs) or histories(p)


def _known(p: Platform, slugs: tuple[str, ...]) -> list[str]:
    """The names given, once each is known: a mistyped one is refused before any other is
    sealed or verified, so a run is done whole or not at all."""
    known = set(histories(p))
    for slug in slugs:
        if slug in known:
            continue
        if slug.startswith(PREFIX):
            with platform_store(p, slug):
                pass
        elif slug.startswith("@"):
            p.registry.region(slug[1:])
        p.registry.tenant(slug)  # each raises NotFoundError saying what there is
    return list(slugs)


@contextmanager
def _ledger(p: Platform, slug: str) -> Iterator[History]:
    if slug.startswith(PREFIX):
        with platform_store(p, slug) as store:
            yield store
        return
    if slug.startswith("@"):
        with p.region_ledgers.lease(slug[1:], writing=False) as region:
            yield region
        return
    with p.ledgers.lease(slug, writing=False) as ledger:
        yield ledger


def _anchor(path: Path) -> list[Anchor]:
    """The anchor's lines, oldest first."""
    if not path.exists():
        raise click.BadParameter(
            f"there is no anchor at {path}: if no `ledger audit seal --anchor {path}` ran yet, "
            "run it first; if one did, the file was removed: restore it from the copy kept with "
            "the backups and investigate",
            param_hint="--anchor",
        )
    try:
        return anchor_lines(path)
    except (OSError, UnicodeDecodeError) as e:
        raise click.BadParameter(f"cannot read {path} ({e})", param_hint="--anchor") from e


@click.group()
def audit() -> None:
    """Hash-chain seals over every tenant's events, and their verification."""


ANCHOR_OPTION = click.option(
    "--anchor",
    type=FILE_OUT,
    envvar=ANCHOR_ENV,
    default=None,
    help=f"append this run's line to FILE, the anchor kept outside the service "
    f"(default: ${ANCHOR_ENV}); each seal is checked against its earlier lines first",
)


class Anchoring:
    """The anchor as a run that seals uses it (`audit seal`, `tenants backup`): its earlier
    lines, that each seal is checked against first, and the file opened to append the run's
    line before anything is sealed, so a line that cannot be kept is refused first."""

    def __init__(self, path: Path | None, out: BinaryIO | None) -> None:
        self.path, self.out = path, out
        self.lines = _anchor(path) if path is not None and path.exists() else []

    def append(self, p: Platform, names: list[str], *, quiet: bool = False) -> None:
        """The run's line for ``names``' seals; without an anchor, say so (unless ``quiet``)."""
        if self.out is None:
            if not quiet:
                click.echo(UNANCHORED_SEALS)
            return
        line = anchor_now(p, names)
        self.out.write(line.line().encode() + b"\n")
        self.out.flush()
        os.fsync(self.out.fileno())
        click.echo(
            f"Anchored: a line appended to {self.path} ({len(line.seals)} ledgers' seals, the "
            f"seal store at position {line.seal_store.position}); keep a copy off this host."
        )


@contextmanager
def anchoring(path: Path | None) -> Iterator[Anchoring]:
    kept = Anchoring(path, None)  # read (and refused if not an anchor) before it is opened
    new = path is not None and not path.exists()
    with ExitStack() as stack:
        if path is not None:
            try:
                kept.out = stack.enter_context(private_append(path))
            except OSError as e:
                raise click.BadParameter(
                    f"cannot append to {path} ({e.strerror}); give a file this user may write",
                    param_hint="--anchor",
                ) from e
        try:
            yield kept
        except BaseException:  # a run refused (a mistyped tenant): no empty anchor left behind
            if new and path is not None and path.exists() and not path.stat().st_size:
                path.unlink()
            raise


def not_sealed(slug: str, altered: HistoryAlteredError, err: bool = False) -> None:
    """Why ``slug`` was not sealed: the same words wherever a seal is refused."""
    click.echo(
        f"{slug}\tNOT SEALED: its history was altered outside the service, and a "
        "seal must never vouch for that; an auditor must look first (`ledger audit "
        f"verify {slug}`), then restore its store from a backup taken before it",
        err=err,
    )
    for problem in altered.verification.problems:
        click.echo(f"  {problem}", err=err)


@audit.command("seal")
@click.argument("tenants", nargs=-1)
@ANCHOR_OPTION
def audit_seal(tenants: tuple[str, ...], anchor: Path | None) -> None:
    """Seal the history of TENANTS (default: all, and the platform's own stores) after
    verifying it; exit 1 if any was not.

    Run it on a schedule, e.g. nightly. A tenant whose history verify would call altered is not
    sealed (an auditor must look first) and the others still are."""
    with anchoring(anchor) as kept:

        def seal(p: Platform, slug: str) -> bool:
            try:
                ready_to_seal(p, slug)
                with _ledger(p, slug) as ledger, _bar(ledger, f"sealing {slug}") as bar:
                    done = p.audit.seal(ledger, bar.update, kept.lines)
            except HistoryAlteredError as altered:
                not_sealed(slug, altered)
                return False
            click.echo(f"{slug}\tposition {done.position}\t{done.events} events\t{done.link}")
            return True

        _each(lambda p: _ledgers(p, tenants), "NOT SEALED", seal, kept.append)


def sealed(p: Platform, slugs: tuple[str, ...] = ()) -> Iterator[tuple[str, Seal]]:
    """Seal each of ``slugs`` (default: every tenant and region ledger), one at a time."""
    for slug in _tenants(p, slugs):
        with _ledger(p, slug) as ledger:
            yield slug, p.audit.seal(ledger)


@audit.command("verify")
@click.argument("tenants", nargs=-1)
@click.option(
    "--anchor",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar=ANCHOR_ENV,
    default=None,
    help=f"check the seal store against FILE, the anchor `audit seal --anchor` kept "
    f"(default: ${ANCHOR_ENV})",
)
def audit_verify(tenants: tuple[str, ...], anchor: Path | None) -> None:
    """Recompute the chain of TENANTS (default: all, and the platform's own stores) and check
    every seal, and the seals against the anchor if given; exit 1 if any broke."""
    anchors = None if anchor is None else _anchor(anchor)
    unlisted: set[str] = set()  # names the anchor holds seals of that the platform lacks

    def listed(p: Platform) -> list[str]:
        names = _ledgers(p, tenants)
        if not tenants and anchors:
            unlisted.update({n for a in anchors for n in a.seals} - set(names))
        return names + sorted(unlisted)

    def verify(p: Platform, slug: str) -> bool:
        if slug in unlisted:
            return _unlisted(p, slug, anchors or [])
        result = _verified(p, slug, anchors or [])
        unsealed = (
            f"; {result.unsealed_events} events after the last seal (seal again to cover them)"
            if result.unsealed_events
            else ""
        )
        bundles = f", {result.exports_checked} exported bundles" if result.exports_checked else ""
        kept = f", {result.anchored_checked} links in the anchor" if result.anchored_checked else ""
        if result.intact:
            click.echo(
                f"{slug}\tintact\t{result.events_checked} events, "
                f"{result.seals_checked} seals{bundles}{kept}{unsealed}"
            )
            return True
        store = "platform store" if slug.startswith(PREFIX) else "tenant's store"
        click.echo(
            f"{slug}\tALTERED at or before position {result.broken_at_seal}: restore this "
            f"{store} from a backup taken before that seal and investigate access logs"
            if result.broken_at_seal is not None
            else f"{slug}\tALTERED: its events match their seals, but see below"
        )
        for problem in result.problems:
            click.echo(f"  {problem}")
        return False

    def said(p: Platform, names: list[str]) -> None:
        click.echo(anchor_words(anchors, str(anchor)))

    _each(listed, "NOT VERIFIED", verify, said)


def _unlisted(p: Platform, slug: str, anchors: list[Anchor]) -> bool:
    """A name the anchor holds seals of that the platform no longer lists: always altered."""
    click.echo(
        f"{slug}\tALTERED: the anchor holds seals of it, but the platform no longer lists it: "
        "its entry was removed behind the application's back (or the anchor is another "
        "platform's)"
    )
    if missing := seals_missing(anchors, slug, p.audit.seals(slug)):
        click.echo(f"  {missing}")
    return False


def _each(
    listed: Callable[[Platform], list[str]],
    not_done: str,
    work: Callable[[Platform, str], bool],
    finish: Callable[[Platform, list[str]], None] | None = None,
) -> None:
    """Run ``work`` on each name ``listed`` gives and exit 1 if it failed for any. A store
    broken past reading is reported as ``not_done`` and the others still run: one bad store
    must not hide the rest from an auditor. ``finish`` then sees the names, on the platform."""
    failed = 0
    with platform() as p:
        names = listed(p)
        for slug in names:
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
        if finish is not None:
            finish(p, names)
    sys.exit(1 if failed else 0)


def _bar(ledger: History, label: str) -> Any:
    """A bar on standard error over the ledger's events (its label alone, off a terminal)."""
    return click.progressbar(
        length=ledger.recorder.max_notification_id() or 0, label=label, file=sys.stderr
    )


def _verified(p: Platform, slug: str, anchors: list[Anchor]) -> Verification:
    with _ledger(p, slug) as ledger, _bar(ledger, f"verifying {slug}") as bar:
        return p.audit.verify(ledger, bar.update, anchors)


@audit.command("export")
@click.argument("tenant")
@click.option(
    "--from",
    "since",
    type=DAY,
    default=None,
    help="only events recorded from this day (UTC) on; default: the whole history",
)
@click.option(
    "-o", "--output", "output", type=FILE_OUT, required=True, help="the zip file to write"
)
@click.option(
    "--auditor",
    default=None,
    help="the auditor it is for: checked against their grant and logged in their read log",
)
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
                    f"(`ledger users change-grants {user.name} --role auditor --tenant {tenant}`, "
                    "naming too every partnership or region they keep), or name an auditor "
                    "who has it (`ledger users list`)."
                )
            exported_for, auditor_id = f"auditor:{user.name}", user.id
        with p.ledgers.lease(tenant, writing=False) as ledger:
            total = ledger.recorder.max_notification_id() or 0
        with (
            private_output(output) as out,
            click.progressbar(length=total, label=f"exporting {tenant}", file=sys.stderr) as bar,
        ):
            done = export_bundle(
                p, tenant, out, exported_for, day, progress=bar.update, auditor_id=auditor_id
            )
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
