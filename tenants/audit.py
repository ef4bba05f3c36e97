"""``AuditTrail``: seal each tenant's history and verify it was not altered afterwards.

Seals live in their own store area (``platform_audit``), apart from the tenants' events.
Verifying recomputes the chain from the first event and checks every seal, so an auditor
needs to trust nothing but the hash function; sealing verifies the same way first and records
the link at the head, so a seal never vouches for an altered history.

Verifying reads every row of the tenant's table, not the application's notification log: a
row planted at position 0 or below is loaded by the application but never relayed, so only
reading the table itself finds it. Each record's versions must follow 1, 2, 3… in position
order, every row must be stored as the application writes it (``adapters/audit_rows.py``), and
every seal must still find its own event.

The seal store could itself be altered by someone with the database: the anchor (``domain/
audit/anchor.py``), a line per seal run kept outside the service, is checked when given, so
a seal deleted or changed there, and the history it vouched for, are still found.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any, ClassVar, Protocol

from eventsourcing.application import AggregateNotFoundError

from adapters.audit_rows import stored_rows
from domain.audit import GENESIS, VALUE_OBJECTS, AuditSeal, Seal, extend
from domain.audit.anchor import Anchor, missing_seals
from domain.audit.seal import Export
from domain.errors import InvalidTransitionError
from tenants.application import LedgerApplication, aggregate_cache
from tenants.audit_case_keys import keys_gone_unerased
from tenants.audit_findings import Break, Finding, Kind
from tenants.ledger import PartnershipLedger

PAGE = 2000
Progress = Callable[[int], None]


@dataclass(frozen=True)
class Verification:
    tenant: str
    events_checked: int
    seals_checked: int
    head_position: int
    broken_at_seal: int | None  # position of the first seal (or row) that fails
    findings: tuple[Finding, ...] = field(default=())  # each failure, in the order found
    unsealed_events: int = 0  # after the last seal or anchored link: nothing vouches for them
    exports_checked: int = 0  # audit bundles taken away, each vouching for its head link
    head_link: str = GENESIS  # the chain's link at ``head_position``: what a seal records
    anchored_checked: int = 0  # links the anchor (kept outside the service) holds, each checked
    broken: Break | None = None  # where the history first breaks, with the seals around it

    @property
    def intact(self) -> bool:
        return self.broken_at_seal is None and not self.findings

    @property
    def problems(self) -> tuple[str, ...]:
        """Each finding as the command line and the API say it."""
        return tuple(f.text() for f in self.findings)


class HistoryAlteredError(InvalidTransitionError):
    """Sealing refused: the history holds what verifying calls altered."""

    def __init__(self, verification: Verification) -> None:
        self.verification = verification
        super().__init__(
            f"The history of {verification.tenant!r} was altered outside the service, so it "
            "was not sealed: a seal must never vouch for an altered event. An auditor must "
            f"look first: run `ledger audit verify {verification.tenant}` to see what was "
            "found, then restore the tenant's store from a backup taken before it."
        )


class History(Protocol):
    """What the audit reads of a ledger, a region's or a platform store (``tenants/
    platform_stores.py``): the name its seals go by, and its store."""

    @property
    def tenant_slug(self) -> str: ...

    @property
    def recorder(self) -> Any: ...


class AuditTrail(LedgerApplication):
    name = "platform_audit"
    value_objects = VALUE_OBJECTS
    env: ClassVar[dict[str, str]] = aggregate_cache(1024)

    def seals(self, tenant: str) -> tuple[Seal, ...]:
        return self._seal_of(tenant).seals

    def seal(
        self, ledger: History, progress: Progress | None = None, anchors: Sequence[Anchor] = ()
    ) -> Seal:
        """Record the chain's link at the newest event, once the whole history verifies.

        The history is read and checked as ``verify`` reads it (every stored row, raw bytes,
        and against the ``anchors`` given), so a row that would not load, or one edited since a
        seal, is never vouched for: the seal is refused and an auditor must look first.
        """
        record = self._seal_of(ledger.tenant_slug)
        checked = self._checked(ledger, record, progress, anchors)
        if not checked.intact:
            raise HistoryAlteredError(checked)
        record.seal(
            checked.head_position, checked.head_link, checked.events_checked, datetime.now(tz=UTC)
        )
        self.save(record)
        return record.seals[-1]

    def verify(
        self, ledger: History, progress: Progress | None = None, anchors: Sequence[Anchor] = ()
    ) -> Verification:
        """The chain against every seal and exported bundle, and every unerased case's key;
        and, given the ``anchors`` kept outside the service, the seal store against them.

        A case key deleted from the key store destroys the case's personal details as an
        erasure would, yet leaves no event: only comparing the keys with the history shows it.
        """
        result = self._checked(ledger, self._seal_of(ledger.tenant_slug), progress, anchors)
        if isinstance(ledger, PartnershipLedger) and (gone := keys_gone_unerased(ledger)):
            return replace(result, findings=(*result.findings, *gone))
        return result

    def _checked(
        self,
        ledger: History,
        record: AuditSeal,
        progress: Progress | None,
        anchors: Sequence[Anchor],
    ) -> Verification:
        """The chain against the seals, exports and anchored links, and the seals against the
        anchor: a seal deleted from this store is named though its events may be gone too.
        The seal store's own history (``holds_seals``) is checked against every line's head."""
        slug = ledger.tenant_slug
        heads = [a.seals[slug].last for a in anchors if slug in a.seals]
        if getattr(ledger, "holds_seals", False):
            heads += [a.seal_store for a in anchors]
        result = verify_against(ledger, record.seals, progress, record.exports, heads)
        if missing := missing_seals(anchors, slug, record.seals):
            found = Finding(Kind.SEALS_MISSING, missing=missing)
            return replace(result, findings=(found, *result.findings))
        return result

    def record_export(self, tenant: str, export: Export) -> None:
        record = self._seal_of(tenant)
        record.record_export(export)
        self.save(record)

    def exports(self, tenant: str) -> tuple[Export, ...]:
        return self._seal_of(tenant).exports

    def _seal_of(self, tenant: str) -> AuditSeal:
        try:
            return self.repository.get(AuditSeal.create_id(tenant))
        except AggregateNotFoundError:
            return AuditSeal(tenant=tenant)


def verify_against(
    ledger: History,
    given: Iterable[Seal],
    progress: Progress | None = None,
    exported: Iterable[Export] = (),
    anchored: Iterable[Seal] = (),
) -> Verification:
    """Recompute ``ledger``'s chain and check ``given`` seals (a restore checks a backup's).

    Every audit bundle taken away (``exported``) carried the link at its head: the history must
    still reach that position and give that link, as for a seal, or rows an auditor already
    holds (perhaps unsealed ones) were removed or changed since. So must every link the anchor
    kept outside the service (``anchored``): one whose seal is gone from the seal store too.
    """
    seals: dict[int, list[Seal]] = defaultdict(list)
    for seal in given:
        seals[seal.position].append(seal)
    anchor = _Anchored(anchored, seals)
    bundles: dict[int, list[Export]] = defaultdict(list)
    for export in exported:
        if export.head_position > 0:  # a bundle of no events vouches for none
            bundles[export.head_position].append(export)
    link, count, position, checked, unsealed = GENESIS, 0, 0, 0, 0
    last_sealed = max(max(seals, default=0), anchor.last)  # an anchored link vouches too
    found: list[Finding] = []
    matched: set[int] = set()
    reached: set[int] = set()  # head positions of exported bundles the history still has
    versions: dict[object, int] = {}
    for seal in seals.get(0, []):  # sealed while still empty
        checked += 1
        matched.add(0)
        if seal.link != GENESIS:
            found.append(_seal(Kind.SEAL_CHANGED, seal))
    anchor.reach(0, GENESIS, 0)
    for row in stored_rows(ledger.recorder):
        if row.position <= 0:
            found.append(Finding(Kind.ROW_OUTSIDE, row.position))
            continue
        if row.malformed:  # it may hash as the row it copies, yet the application skips it
            found.append(Finding(Kind.ROW_EDITED, row.position, why=row.malformed))
        due = versions.get(row.originator_id, 0) + 1
        if row.originator_version != due:
            found.append(
                Finding(
                    Kind.ROW_OUT_OF_ORDER, row.position, version=row.originator_version, due=due
                )
            )
        versions[row.originator_id] = max(due, row.originator_version)
        link, count, position = extend(link, row), count + 1, row.position
        unsealed += 1 if position > last_sealed else 0
        for seal in seals.get(position, []):
            checked += 1
            matched.add(position)
            if seal.link != link or seal.events != count:
                found.append(_seal(Kind.SEAL_CHANGED, seal))
        anchor.reach(position, link, count)
        for export in bundles.get(position, []):
            reached.add(position)
            if export.head_link != link:
                found.append(_bundle(Kind.BUNDLE_CHANGED, export))
        if progress and count % PAGE == 0:
            progress(PAGE)
    for gone in sorted(set(bundles) - reached):
        found.append(_bundle(Kind.BUNDLE_GONE, bundles[gone][-1]))
    for gone in sorted(set(seals) - matched):  # events a seal vouched for are gone
        checked += len(seals[gone])
        found.append(_seal(Kind.SEAL_GONE, seals[gone][-1]))
    found.extend(anchor.findings())
    last = {p: group[-1] for p, group in seals.items()}
    return Verification(
        ledger.tenant_slug,
        count,
        checked,
        position,
        min((f.event for f in found if f.event is not None), default=None),
        tuple(found),
        unsealed,
        sum(len(b) for b in bundles.values()),
        link,
        anchor.checked,
        Break.of(tuple(found), last),
    )


class _Anchored:
    """The links the anchor holds, each due at its position; those whose seal the seal store
    still holds are checked as that seal. Once an early row is altered every later link fails
    too: the first is named, the rest counted."""

    def __init__(self, anchored: Iterable[Seal], seals: dict[int, list[Seal]]) -> None:
        kept = {(s.position, s.events, s.link) for group in seals.values() for s in group}
        heads = {(h.position, h.events, h.link): h for h in anchored}
        self.checked = len(heads)
        self.last = max((h.position for h in heads.values()), default=0)
        self.due: dict[int, list[Seal]] = defaultdict(list)
        for key, head in heads.items():
            if key not in kept:
                self.due[head.position].append(head)
        self.failed: list[Finding] = []

    def reach(self, position: int, link: str, count: int) -> None:
        for head in self.due.pop(position, ()) if self.due else ():
            if (head.events, head.link) != (count, link):
                self.failed.append(_seal(Kind.ANCHOR_CHANGED, head))

    def findings(self) -> list[Finding]:
        for gone in (head for heads in self.due.values() for head in heads):
            self.failed.append(_seal(Kind.ANCHOR_GONE, gone))
        if not self.failed:
            return []
        first, *later = sorted(self.failed, key=lambda f: (f.event or 0, f.text()))
        return [replace(first, later=len(later))]


def _seal(kind: Kind, seal: Seal) -> Finding:
    return Finding(kind, seal.position, seal.sealed_at, seal)


def _bundle(kind: Kind, export: Export) -> Finding:
    return Finding(kind, export.head_position, export.exported_at, exported_for=export.exported_for)
