"""Use cases on DHR cases: get → command → save, one each.

A new case is saved together with the ``ReviewIndex`` entry that lists it, in one
transaction: two officers notifying the same reference at once cannot both succeed.
Method names say "review" because ``PartnershipLedger`` also mixes in funding and
action-plan use cases, where "decide", "approve" and "submit" mean other things.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from uuid import UUID

from domain.reviews import DomesticHomicideReview, FeedbackPoint, PointAnswer
from tenants.conflicts import retried_on_index_conflict
from tenants.ledger.reviews_queries import ReviewQueries


class ReviewUseCases(ReviewQueries):
    @retried_on_index_conflict
    def notify_death(
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
        index = self._review_index()
        index.add(reference)
        self.save(review, index)
        return review.id

    def decide_review(
        self, review_id: UUID, decided_on: date, outcome: str, reason: str = ""
    ) -> None:
        review = self.get_review(review_id)
        review.decide(decided_on, outcome, reason)
        self.save(review)

    def notify_home_office_of_decision(self, review_id: UUID, notified_on: date) -> None:
        review = self.get_review(review_id)
        review.notify_home_office(notified_on)
        self.save(review)

    def record_decision_check(self, review_id: UUID, checked_on: date, outcome: str) -> None:
        review = self.get_review(review_id)
        review.record_decision_check(checked_on, outcome)
        self.save(review)

    def direct_review(self, review_id: UUID, directed_on: date) -> None:
        review = self.get_review(review_id)
        review.direct_review(directed_on)
        self.save(review)

    def commission_chair_and_author(
        self,
        review_id: UUID,
        commissioned_on: date,
        chair_ref: str,
        author_ref: str,
        cost_pence: int,
    ) -> None:
        review = self.get_review(review_id)
        review.commission(commissioned_on, chair_ref, author_ref, cost_pence)
        self.save(review)

    def hold_panel_meeting(self, review_id: UUID, met_on: date) -> None:
        review = self.get_review(review_id)
        review.hold_panel_meeting(met_on)
        self.save(review)

    def request_imr(self, review_id: UUID, agency: str, requested_on: date) -> None:
        review = self.get_review(review_id)
        review.request_imr(agency, requested_on)
        self.save(review)

    def receive_imr(
        self, review_id: UUID, agency: str, received_on: date, with_chronology: bool = False
    ) -> None:
        review = self.get_review(review_id)
        review.receive_imr(agency, received_on, with_chronology)
        self.save(review)

    def pause_review(self, review_id: UUID, paused_on: date, reason: str, note: str = "") -> None:
        review = self.get_review(review_id)
        review.pause(paused_on, reason, note)
        self.save(review)

    def resume_review(self, review_id: UUID, resumed_on: date) -> None:
        review = self.get_review(review_id)
        review.resume(resumed_on)
        self.save(review)

    def record_family_involvement(self, review_id: UUID, milestone: str, occurred_on: date) -> None:
        review = self.get_review(review_id)
        review.record_family_involvement(milestone, occurred_on)
        self.save(review)

    def record_review_draft(self, review_id: UUID, document: str, drafted_on: date) -> None:
        review = self.get_review(review_id)
        review.draft(document, drafted_on)
        self.save(review)

    def agree_review_action_plan(self, review_id: UUID, agreed_on: date) -> None:
        review = self.get_review(review_id)
        review.agree_action_plan(agreed_on)
        self.save(review)

    def submit_review(self, review_id: UUID, submitted_on: date) -> None:
        review = self.get_review(review_id)
        review.submit(submitted_on)
        self.save(review)

    def receive_qa_feedback(
        self, review_id: UUID, received_on: date, points: Sequence[FeedbackPoint]
    ) -> None:
        review = self.get_review(review_id)
        review.receive_feedback(received_on, points)
        self.save(review)

    def resubmit_review(
        self, review_id: UUID, resubmitted_on: date, answers: Sequence[PointAnswer]
    ) -> None:
        review = self.get_review(review_id)
        review.resubmit(resubmitted_on, answers)
        self.save(review)

    def approve_review(self, review_id: UUID, approved_on: date) -> None:
        review = self.get_review(review_id)
        review.approve(approved_on)
        self.save(review)

    def publish_review(self, review_id: UUID, published_on: date) -> None:
        review = self.get_review(review_id)
        review.publish(published_on)
        self.save(review)

    def withhold_review_publication(self, review_id: UUID, withheld_on: date, reason: str) -> None:
        review = self.get_review(review_id)
        review.withhold_publication(withheld_on, reason)
        self.save(review)

    def decommission_review(
        self, review_id: UUID, home_office_agreed_on: date, reason: str
    ) -> None:
        review = self.get_review(review_id)
        review.decommission(home_office_agreed_on, reason)
        self.save(review)
