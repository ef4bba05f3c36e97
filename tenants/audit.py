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
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import ClassVar

from eventsourcing.application import AggregateNotFoundError

from adapters.audit_rows import stored_rows
from domain.audit import GENESIS, VALUE_OBJECTS, AuditSeal, Seal, extend
from domain.audit.seal import Export
from domain.errors import InvalidTransitionError
from tenants.application import LedgerApplication, aggregate_cache
from tenants.audit_case_keys import keys_gone_unerased
from tenants.ledger import PartnershipLedger
from tenants.region_ledger.application import RegionLedger

PAGE = 2000
Progress = Callable[[int], None]


@dataclass(frozen=True)
class Verification:
    tenant: str
    events_checked: int
    seals_checked: int
    head_position: int
    broken_at_seal: int | None  # position of the first seal (or row) that fails
    problems: tuple[str, ...] = field(default=())  # each failure, in the order found
    unsealed_events: int = 0  # events after the last seal: nothing vouches for them yet
    exports_checked: int = 0  # audit bundles taken away, each vouching for its head link
    head_link: str = GENESIS  # the chain's link at ``head_position``: what a seal records

    @property
    def intact(self) -> bool:
        return self.broken_at_seal is None and not self.problems


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


class AuditTrail(LedgerApplication):
    name = "platform_audit"
    value_objects = VALUE_OBJECTS
    env: ClassVar[dict[str, str]] = aggregate_cache(1024)

    def seals(self, tenant: str) -> tuple[Seal, ...]:
        return self._seal_of(tenant).seals

    def seal(
        self, ledger: PartnershipLedger | RegionLedger, progress: Progress | None = None
    ) -> Seal:
        """Record the chain's link at the newest event, once the whole history verifies.

        The history is read and checked as ``verify`` reads it (every stored row, raw bytes),
        so a row that would not load, or one edited since a seal, is never vouched for: the
        seal is refused and an auditor must look first.
        """
        record = self._seal_of(ledger.tenant_slug)
        checked = verify_against(ledger, record.seals, progress, record.exports)
        if not checked.intact:
            raise HistoryAlteredError(checked)
        record.seal(
            checked.head_position, checked.head_link, checked.events_checked, datetime.now(tz=UTC)
        )
        self.save(record)
        return record.seals[-1]

    def verify(
        self, ledger: PartnershipLedger | RegionLedger, progress: Progress | None = None
    ) -> Verification:
        """The chain against every seal and exported bundle, and every unerased case's key.

        A case key deleted from the key store destroys the case's personal details as an
        erasure would, yet leaves no event: only comparing the keys with the history shows it.
        """
        slug = ledger.tenant_slug
        result = verify_against(ledger, self.seals(slug), progress, self.exports(slug))
        if isinstance(ledger, PartnershipLedger) and (gone := keys_gone_unerased(ledger)):
            return replace(result, problems=(*result.problems, *gone))
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
    ledger: PartnershipLedger | RegionLedger,
    given: Iterable[Seal],
    progress: Progress | None = None,
    exported: Iterable[Export] = (),
) -> Verification:
    """Recompute ``ledger``'s chain and check ``given`` seals (a restore checks a backup's).

    Every audit bundle taken away (``exported``) carried the link at its head: the history must
    still reach that position and give that link, as for a seal, or rows an auditor already
    holds (perhaps unsealed ones) were removed or changed since.
    """
    seals: dict[int, list[Seal]] = defaultdict(list)
    for seal in given:
        seals[seal.position].append(seal)
    bundles: dict[int, list[Export]] = defaultdict(list)
    for export in exported:
        if export.head_position > 0:  # a bundle of no events vouches for none
            bundles[export.head_position].append(export)
    link, count, position, checked, unsealed = GENESIS, 0, 0, 0, 0
    last_sealed = max(seals, default=0)
    problems: list[tuple[int, str]] = []
    found: set[int] = set()
    reached: set[int] = set()  # head positions of exported bundles the history still has
    versions: dict[object, int] = {}
    for seal in seals.get(0, []):  # sealed while still empty
        checked += 1
        found.add(0)
        if seal.link != GENESIS:
            problems.append((0, f"the seal at position 0 ({_when(seal)}) no longer matches"))
    for row in stored_rows(ledger.recorder):
        if row.position <= 0:
            problems.append(
                (
                    row.position,
                    f"a row at position {row.position}: positions start at 1, so "
                    "it was written behind the application's back",
                )
            )
            continue
        if row.malformed:  # it may hash as the row it copies, yet the application skips it
            problems.append(
                (
                    row.position,
                    f"the row at position {row.position} is not stored as the application "
                    f"writes it ({row.malformed}): it was edited behind the application's back",
                )
            )
        due = versions.get(row.originator_id, 0) + 1
        if row.originator_version != due:
            problems.append(
                (
                    row.position,
                    f"the row at position {row.position} is version "
                    f"{row.originator_version} of its record where version {due} was due "
                    "(planted, duplicated or reordered)",
                )
            )
        versions[row.originator_id] = max(due, row.originator_version)
        link, count, position = extend(link, row), count + 1, row.position
        unsealed += 1 if position > last_sealed else 0
        for seal in seals.get(position, []):
            checked += 1
            found.add(position)
            if seal.link != link or seal.events != count:
                problems.append(
                    (
                        position,
                        f"the seal at position {position} ({_when(seal)}) no longer "
                        "matches: an event up to it was changed, removed, inserted or reordered",
                    )
                )
        for export in bundles.get(position, []):
            reached.add(position)
            if export.head_link != link:
                problems.append(
                    (
                        position,
                        f"the audit bundle {_exported(export)} vouched for the event at position "
                        f"{position}, which no longer matches: an event up to it was changed, "
                        "removed, inserted or reordered",
                    )
                )
        if progress and count % PAGE == 0:
            progress(PAGE)
    for gone in sorted(set(bundles) - reached):
        problems.append(
            (
                gone,
                f"the audit bundle {_exported(bundles[gone][-1])} vouched for the event at "
                f"position {gone}, which is gone",
            )
        )
    for gone in sorted(set(seals) - found):  # events a seal vouched for are gone
        checked += len(seals[gone])
        problems.append(
            (
                gone,
                f"the seal at position {gone} ({_when(seals[gone][-1])}) vouches for an "
                "event that is gone",
            )
        )
    return Verification(
        ledger.tenant_slug,
        count,
        checked,
        position,
        min((p for p, _ in problems), default=None),
        tuple(text for _, text in problems),
        unsealed,
        sum(len(b) for b in bundles.values()),
        link,
    )


def _when(seal: Seal) -> str:
    return "sealed " + seal.sealed_at.strftime("%Y-%m-%d %H:%M UTC")


def _exported(export: Export) -> str:
    return f"exported {export.exported_at.strftime('%Y-%m-%d %H:%M UTC')} for {export.exported_for}"
