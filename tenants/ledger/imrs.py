"""The Individual Management Reviews a case asks of agencies (``ledger.imrs``): request, extend,
chase, receive, assess; get the case → command → save, one each.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from uuid import UUID

from tenants.application import LedgerApplication
from tenants.ledger.reviews import Reviews
from tenants.ledger.service import Service


class Imrs(Service):
    def __init__(self, app: LedgerApplication, reviews: Reviews) -> None:
        super().__init__(app)
        self.reviews = reviews

    def request(
        self, review_id: UUID, agency: str, requested_on: date, due_on: date | None = None
    ) -> None:
        self.perform(self.reviews.get(review_id).request_imr, agency, requested_on, due_on)

    def extend(
        self, review_id: UUID, agency: str, extended_on: date, due_on: date, reason: str
    ) -> None:
        self.perform(self.reviews.get(review_id).extend_imr, agency, extended_on, due_on, reason)

    def chase(self, review_id: UUID, agency: str, chased_on: date) -> None:
        self.perform(self.reviews.get(review_id).chase_imr, agency, chased_on)

    def assess(
        self,
        review_id: UUID,
        agency: str,
        assessed_on: date,
        outcome: str,
        points: Sequence[str] = (),
    ) -> None:
        self.perform(self.reviews.get(review_id).assess_imr, agency, assessed_on, outcome, points)

    def receive(
        self, review_id: UUID, agency: str, received_on: date, with_chronology: bool = False
    ) -> None:
        self.perform(self.reviews.get(review_id).receive_imr, agency, received_on, with_chronology)
