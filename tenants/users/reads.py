"""Every read an auditor makes is itself history: one log per auditor per day. A refused
attempt to read a partnership's cases is history too: one log per partnership per day, so its
auditors read the refusals of every user without walking every user's log."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import event

from domain.recording import LedgerAggregate
from tenants.model import PLATFORM_NAMESPACE


class AuditReadLog(LedgerAggregate):
    @staticmethod
    def create_id(user_id: UUID, day: date) -> UUID:
        return uuid5(PLATFORM_NAMESPACE, f"audit-reads:{user_id}:{day.isoformat()}")

    @event("Opened")
    def __init__(self, user_id: UUID, day: date) -> None:
        self.user_id = UUID(str(user_id))
        self.day = day
        self.reads = 0

    @event("Read")
    def record_read(self, path: str, tenant: str | None, region: str | None) -> None:
        self.reads += 1


class RefusedReadLog(LedgerAggregate):
    """The day's refused attempts to read one partnership's cases: who, which address (ids
    only, never a case's content) and the answer they got (403 or 404)."""

    @staticmethod
    def create_id(tenant: str, day: date) -> UUID:
        return uuid5(PLATFORM_NAMESPACE, f"refused-reads:{tenant}:{day.isoformat()}")

    @event("Opened")
    def __init__(self, tenant: str, day: date) -> None:
        self.tenant = tenant
        self.day = day
        self.refusals = 0

    @event("Refused")
    def record_refusal(self, user_id: UUID, path: str, status: int) -> None:
        self.refusals += 1


# The events' classes, made by ``@event`` (which mypy cannot see), for readers telling them apart.
READ: type[Any] = AuditReadLog.Read  # type: ignore[attr-defined]
REFUSED: type[Any] = RefusedReadLog.Refused  # type: ignore[attr-defined]
