"""Every read an auditor makes is itself history: one log per auditor per day."""

from __future__ import annotations

from datetime import date
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
