"""Use cases on DHR cases (``ledger.reviews``): get → command → save, one each, and the
queries that read cases back: by id, by reference, as the partnership's register, as recorded
at a past instant, and their timeliness.

A new case is saved together with the ``ReviewIndex`` entry that lists it, in one
transaction: two officers notifying the same reference at once cannot both succeed.
Only ``DomesticHomicideReview`` aggregates come back as reviews; any other id is not found.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError

from domain.errors import NotFoundError
from domain.reviews import (
    DomesticHomicideReview,
    FeedbackPoint,
    PointAnswer,
    ReviewIndex,
    Timeliness,
)
from tenants.conflicts import retried_on_index_conflict
from tenants.ledger.service import Service


class Reviews(Service):
    def get(self, review_id: UUID) -> DomesticHomicideReview:
        review = self.find(review_id, DomesticHomicideReview)
        if review is None:
            raise NotFoundError(
                "No such review in this partnership; check the id or notify the death."
            )
        return review

    def id_for(self, reference: str) -> UUID:
        if reference not in self.index():
            raise NotFoundError(
                f"No review with reference {reference.strip()} in this partnership; check it."
            )
        return DomesticHomicideReview.create_id(reference)

    def all(self) -> list[DomesticHomicideReview]:
        """In order of notification, as the partnership's register of cases."""
        return [self.get(rid) for rid in self.index().review_ids]

    def timeliness(self, review_id: UUID, as_of: date) -> Timeliness:
        return self.get(review_id).timeliness(as_of)

    def as_recorded(self, review_id: UUID, at: datetime) -> DomesticHomicideReview:
        """The case exactly as recorded by ``at``: no later step or correction shows."""
        self.get(review_id)
        found = self.replayed(review_id, at)
        if not isinstance(found, DomesticHomicideReview):
            raise NotFoundError(
                f"The case was not yet recorded at {at.isoformat()}; pick a later instant."
            )
        return found

    def list_as_recorded(self, at: datetime) -> list[DomesticHomicideReview]:
        """The register as it was recorded by ``at``."""
        index = self.replayed(ReviewIndex.create_id(), at)
        if not isinstance(index, ReviewIndex):
            return []
        found = (self.replayed(rid, at) for rid in index.review_ids)
        return [r for r in found if isinstance(r, DomesticHomicideReview)]

    def index(self) -> ReviewIndex:
        """The register, or a new empty one until the first case is saved with it."""
        index: Any
        try:
            index = self.app.repository.get(ReviewIndex.create_id())
        except AggregateNotFoundError:
            return ReviewIndex()
        if not isinstance(index, ReviewIndex):
            raise TypeError(
                f"The review index id holds a {type(index).__name__}, not a ReviewIndex."
            )
        return index

    def correct(self, review_id: UUID, field: str, value: object, reason: str) -> None:
        """A mis-keyed fact; the case's own ``correct`` checks field, value and reason."""
        self.perform(self.get(review_id).correct, field, value, reason)

    @retried_on_index_conflict
    def notify(
        self,
        reference: str,
        incident_on: date,
        notified_on: date,
        pseudonym: str,
        kind: str,
        death_category: str,
        victim_age_band: str | None = None,
        victim_sex: str | None = None,
        perpetrator_relationship: str | None = None,
        *,
        pseudonym_confirmed: bool = False,
    ) -> UUID:
        """Open a case; its id is derived from the reference, which is unique in the partnership."""
        review = DomesticHomicideReview.notify(
            reference,
            incident_on,
            notified_on,
            pseudonym,
            kind,
            death_category,
            victim_age_band,
            victim_sex,
            perpetrator_relationship,
            pseudonym_confirmed=pseudonym_confirmed,
        )
        index = self.index()
        index.add(reference)
        self.save(review, index)
        return review.id

    def decide(self, review_id: UUID, decided_on: date, outcome: str, reason: str = "") -> None:
        self.perform(self.get(review_id).decide, decided_on, outcome, reason)

    def notify_home_office(self, review_id: UUID, notified_on: date) -> None:
        self.perform(self.get(review_id).notify_home_office, notified_on)

    def record_decision_check(self, review_id: UUID, checked_on: date, outcome: str) -> None:
        self.perform(self.get(review_id).record_decision_check, checked_on, outcome)

    def direct(self, review_id: UUID, directed_on: date) -> None:
        self.perform(self.get(review_id).direct_review, directed_on)

    def commission(
        self,
        review_id: UUID,
        commissioned_on: date,
        chair_ref: str,
        author_ref: str,
        cost_pence: int,
    ) -> None:
        self.perform(
            self.get(review_id).commission, commissioned_on, chair_ref, author_ref, cost_pence
        )

    def hold_panel_meeting(self, review_id: UUID, met_on: date) -> None:
        self.perform(self.get(review_id).hold_panel_meeting, met_on)

    def pause(self, review_id: UUID, paused_on: date, reason: str, note: str = "") -> None:
        self.perform(self.get(review_id).pause, paused_on, reason, note)

    def resume(self, review_id: UUID, resumed_on: date) -> None:
        self.perform(self.get(review_id).resume, resumed_on)

    def record_family_involvement(self, review_id: UUID, milestone: str, occurred_on: date) -> None:
        self.perform(self.get(review_id).record_family_involvement, milestone, occurred_on)

    def draft(self, review_id: UUID, document: str, drafted_on: date) -> None:
        self.perform(self.get(review_id).draft, document, drafted_on)

    def agree_action_plan(self, review_id: UUID, agreed_on: date) -> None:
        self.perform(self.get(review_id).agree_action_plan, agreed_on)

    def submit(self, review_id: UUID, submitted_on: date) -> None:
        self.perform(self.get(review_id).submit, submitted_on)

    def receive_feedback(
        self, review_id: UUID, received_on: date, points: Sequence[FeedbackPoint]
    ) -> None:
        self.perform(self.get(review_id).receive_feedback, received_on, points)

    def resubmit(
        self, review_id: UUID, resubmitted_on: date, answers: Sequence[PointAnswer]
    ) -> None:
        self.perform(self.get(review_id).resubmit, resubmitted_on, answers)

    def approve(self, review_id: UUID, approved_on: date) -> None:
        self.perform(self.get(review_id).approve, approved_on)

    def publish(self, review_id: UUID, published_on: date) -> None:
        self.perform(self.get(review_id).publish, published_on)

    def withhold_publication(self, review_id: UUID, withheld_on: date, reason: str) -> None:
        self.perform(self.get(review_id).withhold_publication, withheld_on, reason)

    def decommission(self, review_id: UUID, home_office_agreed_on: date, reason: str) -> None:
        self.perform(self.get(review_id).decommission, home_office_agreed_on, reason)
