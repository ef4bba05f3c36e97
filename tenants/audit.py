"""``AuditTrail``: seal each tenant's history and verify it was not altered afterwards.

Seals live in their own store area (``platform_audit``), apart from the tenants' events.
Sealing extends the chain from the last seal; verifying recomputes it from the first event
and checks every seal, so an auditor needs to trust nothing but the hash function.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import ClassVar

from eventsourcing.application import AggregateNotFoundError

from domain.audit import GENESIS, VALUE_OBJECTS, AuditSeal, RecordedEvent, Seal, extend
from tenants.application import LedgerApplication
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
    broken_at_seal: int | None  # position of the first seal whose link no longer matches

    @property
    def intact(self) -> bool:
        return self.broken_at_seal is None


class AuditTrail(LedgerApplication):
    name = "platform_audit"
    value_objects = VALUE_OBJECTS
    env: ClassVar[dict[str, str]] = {
        "AGGREGATE_CACHE_MAXSIZE": "1024",
        "AGGREGATE_CACHE_FASTFORWARD": "y",
    }

    def seals(self, tenant: str) -> tuple[Seal, ...]:
        return self._seal_of(tenant).seals

    def seal(
        self, ledger: PartnershipLedger | RegionLedger, progress: Progress | None = None
    ) -> Seal:
        """Extend the chain from the last seal to the newest event and record the new link."""
        record = self._seal_of(ledger.tenant_slug)
        last = record.last
        link, position, count = (last.link, last.position, last.events) if last else (GENESIS, 0, 0)
        for event in _events_after(ledger, position):
            link, position, count = extend(link, event), event.position, count + 1
            if progress and count % PAGE == 0:
                progress(PAGE)
        record.seal(position, link, count, datetime.now(tz=UTC))
        self.save(record)
        return record.seals[-1]

    def verify(
        self, ledger: PartnershipLedger | RegionLedger, progress: Progress | None = None
    ) -> Verification:
        return verify_against(ledger, self.seals(ledger.tenant_slug), progress)

    def _seal_of(self, tenant: str) -> AuditSeal:
        try:
            return self.repository.get(AuditSeal.create_id(tenant))  # type: ignore[no-any-return]
        except AggregateNotFoundError:
            return AuditSeal(tenant=tenant)


def verify_against(
    ledger: PartnershipLedger | RegionLedger,
    given: Iterable[Seal],
    progress: Progress | None = None,
) -> Verification:
    """Recompute ``ledger``'s chain and check ``given`` seals (a restore checks a backup's)."""
    seals = {s.position: s for s in given}
    link, count, position, checked, broken = GENESIS, 0, 0, 0, None
    if 0 in seals:  # sealed while still empty
        checked, broken = 1, (None if seals[0].link == GENESIS else 0)
    for event in _events_after(ledger, 0):
        link, count, position = extend(link, event), count + 1, event.position
        seal = seals.get(position)
        if seal is not None:
            checked += 1
            if broken is None and (seal.link != link or seal.events != count):
                broken = position
        if progress and count % PAGE == 0:
            progress(PAGE)
    missing = [p for p in seals if p > position]  # events a seal vouched for are gone
    if broken is None and missing:
        broken = min(missing)
    return Verification(ledger.tenant_slug, count, checked, position, broken)


def _events_after(
    ledger: PartnershipLedger | RegionLedger, position: int
) -> Iterator[RecordedEvent]:
    while True:
        page = ledger.recorder.select_notifications(position, PAGE, inclusive_of_start=False)
        for n in page:
            yield RecordedEvent(n.id, n.originator_id, n.originator_version, n.topic, _raw(n.state))  # type: ignore[arg-type]
        if len(page) < PAGE:
            return
        position = page[-1].id


def _raw(state: object) -> bytes:
    """Stored state as bytes; a row edited by hand may come back as text, which must still hash."""
    return state if isinstance(state, bytes) else str(state).encode()
