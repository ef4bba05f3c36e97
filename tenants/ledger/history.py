"""Everything recorded about a case, event by event (``ledger.history``), across every record
kept about it, in the order recorded (one record's events: ``tenants.unreadable.events_of``).

A case's history is its own events, those of each record kept beside it (a ``CaseRecord``,
its id following from the case's: findings, costs, documents, chronology, personal details,
IMR author contacts) and those of its recommendations. The officer's case page and the
auditor's case history both read it here, so both list the same events. An event that cannot
be read is in its place as an ``Unreadable`` (``tenants/unreadable.py``) and the rest still
read: an auditor needs the history exactly when one was altered.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from uuid import UUID

from domain.actionplan import ReviewFindings
from domain.chronology import CaseChronology
from domain.documents import CaseDocuments
from domain.funding import ReviewCost
from domain.recording import CaseRecord
from domain.vault import CaseVault
from domain.vault.imr_contacts import ImrAuthorContacts
from tenants.application import LedgerApplication
from tenants.ledger.plan import Plan
from tenants.ledger.service import Service
from tenants.unreadable import events_of, in_recorded_order

CASE_RECORDS: tuple[type[CaseRecord], ...] = (
    ReviewFindings,
    ReviewCost,
    CaseDocuments,
    CaseChronology,
    CaseVault,
    ImrAuthorContacts,
)
"""Every kind of record kept beside a case (a unit test holds it to ``CaseRecord``'s kinds)."""


class History(Service):
    def __init__(self, app: LedgerApplication, plan: Plan) -> None:
        super().__init__(app)
        self.plan = plan

    def of_case(self, review_id: UUID, recommendations: Iterable[UUID] | None = None) -> list[Any]:
        """Every event recorded about the case, oldest first; ``recommendations``: its
        recommendations' ids if the caller has them (else read from the plan's index)."""
        if recommendations is None:
            recommendations = self.plan.index().recommendations_of(review_id)
        records = [review_id, *(kind.create_id(review_id) for kind in CASE_RECORDS)]
        return in_recorded_order(
            events_of(self.app, record) for record in [*records, *recommendations]
        )
