"""What was sent, so nothing is sent twice: one ``ReminderLog`` per user and period.

A period is a day (``2026-12-02``) for the daily digest or an ISO week (``2026-W49``) for the
weekly summary. Each ``Sent`` event lists the keys of the items one email carried, and is
saved only after the mail server accepted that email: a rerun skips every recorded key, a
crash between acceptance and the save resends that one email (at least once, never lost).
Stored with the users in ``platform_access`` (encrypted at rest); ids and keys only.
"""

from __future__ import annotations

from collections.abc import Iterable
from uuid import UUID, uuid5

from eventsourcing.domain import event

from domain.recording import LedgerAggregate
from tenants.model import PLATFORM_NAMESPACE
from tenants.users.access import AccessRegistry


class ReminderLog(LedgerAggregate):
    @staticmethod
    def create_id(user_id: UUID, period: str) -> UUID:
        return uuid5(PLATFORM_NAMESPACE, f"reminders:{user_id}:{period}")

    @event("Started")
    def __init__(self, user_id: UUID, period: str) -> None:
        self.user_id = UUID(str(user_id))
        self.period = period
        self.keys: frozenset[str] = frozenset()

    @event("Sent")
    def sent(self, keys: tuple[str, ...]) -> None:
        self.keys = self.keys | frozenset(keys)


def sent_keys(access: AccessRegistry, user_id: UUID, period: str) -> frozenset[str]:
    found = access.find(ReminderLog.create_id(user_id, period), ReminderLog)
    return frozenset() if found is None else found.keys


def record_sent(access: AccessRegistry, user_id: UUID, period: str, keys: Iterable[str]) -> None:
    """Append the keys one accepted email carried; a concurrent append is retried."""
    carried = tuple(sorted(keys))
    access.append_to_log(
        ReminderLog,
        ReminderLog.create_id(user_id, period),
        lambda: ReminderLog(user_id=user_id, period=period),
        lambda log: log.sent(keys=carried),
        "Could not record the reminder as sent; it may be sent again.",
    )
