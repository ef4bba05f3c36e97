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
        review = self.reviews.get(review_id)
        review.request_imr(agency, requested_on, due_on)
        self.save(review)

    def extend(
        self, review_id: UUID, agency: str, extended_on: date, due_on: date, reason: str
    ) -> None:
        review = self.reviews.get(review_id)
        review.extend_imr(agency, extended_on, due_on, reason)
        self.save(review)

    def chase(self, review_id: UUID, agency: str, chased_on: date) -> None:
        review = self.reviews.get(review_id)
        review.chase_imr(agency, chased_on)
        self.save(review)

    def assess(
        self,
        review_id: UUID,
        agency: str,
        assessed_on: date,
        outcome: str,
        points: Sequence[str] = (),
    ) -> None:
        review = self.reviews.get(review_id)
        review.assess_imr(agency, assessed_on, outcome, points)
        self.save(review)

    def receive(
        self, review_id: UUID, agency: str, received_on: date, with_chronology: bool = False
    ) -> None:
        review = self.reviews.get(review_id)
        review.receive_imr(agency, received_on, with_chronology)
        self.save(review)
