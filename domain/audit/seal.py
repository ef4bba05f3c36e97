"""Seals: the chain's link at a position, written to the platform's store, not the tenant's.

Kept apart from the events they vouch for, so altering a tenant's store cannot also
quietly rewrite the proof. Operators may also publish a seal's link elsewhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime
from uuid import UUID

from eventsourcing.domain import event

from domain.errors import InvalidTransitionError, InvalidValueError
from domain.ids import ledger_id
from domain.recording import LedgerAggregate
from domain.texts import visible

HEX64 = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class Seal:
    position: int
    link: str
    events: int
    sealed_at: datetime


@dataclass(frozen=True)
class Export:
    """An audit bundle taken away: when, for whom, and the head link it carried."""

    exported_at: datetime
    exported_for: str
    since: date | None
    events: int
    head_position: int
    head_link: str


class AuditSeal(LedgerAggregate):
    """Every seal of one tenant's event history, in the order they were made."""

    @staticmethod
    def create_id(tenant: str) -> UUID:
        return ledger_id("audit-seal", tenant)

    @event("Started")
    def __init__(self, tenant: str) -> None:
        self.tenant = tenant
        self.seals: tuple[Seal, ...] = ()
        self.exports: tuple[Export, ...] = ()

    @property
    def last(self) -> Seal | None:
        return self.seals[-1] if self.seals else None

    def seal(self, position: int, link: str, events: int, sealed_at: datetime) -> None:
        if not HEX64.match(link) or position < 0 or events < 0:
            raise InvalidValueError(
                "A seal needs a position, an event count and a 64-hex-digit link."
            )
        if self.last and (position < self.last.position or events < self.last.events):
            raise InvalidTransitionError(
                f"The history of {self.tenant!r} is shorter than at its last seal "
                f"(position {self.last.position}); run `ledger audit verify` before sealing again."
            )
        self._sealed(seal=Seal(position, link, events, sealed_at))

    @event("Sealed")
    def _sealed(self, seal: Seal) -> None:
        self.seals = (*self.seals, seal)

    def record_export(self, export: Export) -> None:
        """Every bundle that leaves the service is on record beside the seals it carries."""
        exported_for = export.exported_for.strip()
        if not visible(exported_for) or not HEX64.match(export.head_link):
            raise InvalidValueError("An export needs who it was for and the head link it carried.")
        self._exported(**vars(replace(export, exported_for=exported_for)))

    @event("Exported")
    def _exported(
        self,
        exported_at: datetime,
        exported_for: str,
        since: date | None,
        events: int,
        head_position: int,
        head_link: str,
    ) -> None:
        export = Export(exported_at, exported_for, since, events, head_position, head_link)
        self.exports = (*getattr(self, "exports", ()), export)
