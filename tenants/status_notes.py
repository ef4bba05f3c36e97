"""``TenantNotes``: the reasons tenants were suspended or offboarded, kept encrypted.

The registry's store (``platform``) is read without any key, so that an auditor verifies every
chain and the health check answers with no master key; typed reasons may name people, so
they live here, in the encrypted ``platform_access`` area, and the registry's
``Tenant.SuspendedWithNote`` / ``OffboardedWithNote`` events name the note. Suspensions and
offboardings recorded before then carried their reason in the registry's own event, in clear:
``take_over`` moves each into a note named after that event and blanks it there, in place
(``adapters/sealing_in_place.py``), so the event still replays without a key. ``history``
reads every kind, so no reason ever given is lost.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar
from uuid import UUID

from eventsourcing.persistence import IntegrityError
from eventsourcing.utils import get_topic

from adapters.sealing_in_place import replace_states
from tenants.application import NOTES_PAGE, LedgerApplication, aggregate_cache
from tenants.model import StatusNote, Tenant, TenantStatus


@dataclass(frozen=True)
class StatusChange:
    """One suspension or offboarding of a tenant: when, by whom, to what, and why."""

    at: datetime
    by: str
    status: TenantStatus
    reason: str


_STATUS = {
    "Suspended": TenantStatus.SUSPENDED,
    "SuspendedWithNote": TenantStatus.SUSPENDED,
    "Offboarded": TenantStatus.OFFBOARDED,
    "OffboardedWithNote": TenantStatus.OFFBOARDED,
}


_IN_CLEAR = [get_topic(Tenant.Suspended), get_topic(Tenant.Offboarded)]  # type: ignore[attr-defined]


class TenantNotes(LedgerApplication):
    name = "platform_tenant_notes"
    env: ClassVar[dict[str, str]] = aggregate_cache(64)

    def write(self, tenant: str, status: TenantStatus, reason: str) -> UUID:
        """Keep ``reason`` (already checked) and return the note's id for the registry's event.

        Saved before the registry's event: a note whose event then fails is never named, and
        harms nothing; an event never names a note that was not kept."""
        note = StatusNote(tenant=tenant, status=str(status), reason=reason)
        self.save(note)
        return note.id

    def history(self, tenant_events: Iterable[Any]) -> list[StatusChange]:
        """The suspensions and offboardings among a tenant's registry events, oldest first,
        each with its reason: from its note, or from the event itself if not yet moved."""
        changes = []
        for e in tenant_events:
            kind = type(e).__name__
            if kind not in _STATUS:
                continue
            note = getattr(e, "note", None) or (
                None if e.reason else StatusNote.moved_id(e.originator_id, e.originator_version)
            )
            reason = e.reason if note is None else self.repository.get(note).reason
            changes.append(StatusChange(e.timestamp, e.recorded_by, _STATUS[kind], reason))
        return changes

    def take_over(self, registry: LedgerApplication) -> int:
        """Move every reason still in a registry event into a note; how many were moved.

        Each step is idempotent: the note, named by the event, is saved unless it is there
        already; then the event's reason is blanked. One query when nothing is left to move."""
        moved, start, transcoder = 0, 1, registry.mapper.transcoder
        while page := registry.recorder.select_notifications(start, NOTES_PAGE, topics=_IN_CLEAR):
            for row in page:
                body = transcoder.decode(row.state)
                if not body.get("reason"):
                    continue
                tenant_id = UUID(str(row.originator_id))
                version = row.originator_version
                if self.find(StatusNote.moved_id(tenant_id, version), StatusNote) is None:
                    tenant: Tenant = registry.repository.get(tenant_id)
                    status = _STATUS[row.topic.rpartition(".")[2]]
                    note = StatusNote.moved(tenant_id, version, tenant.slug, status, body["reason"])
                    try:
                        self.save(note)
                    except IntegrityError:  # another process moved it at the same moment
                        pass
                body["reason"] = ""
                replace_states(registry.recorder, [(tenant_id, version, transcoder.encode(body))])
                moved += 1
            if len(page) < NOTES_PAGE:
                break
            start = page[-1].id + 1
        return moved
