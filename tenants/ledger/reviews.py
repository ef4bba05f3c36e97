"""Use cases on DHR cases (``ledger.reviews``): get → command → save, one each, and the
queries that read cases back: by id, by reference, as the partnership's register, as recorded
at a past instant, and their timeliness.

A new case is saved together with the ``ReviewIndex`` entry that lists it, in one
transaction: two officers notifying the same reference at once cannot both succeed.
Only ``DomesticHomicideReview`` aggregates come back as reviews; any other id is not found.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import partial
from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError

from domain.errors import NotFoundError
from domain.reviews import (
    DomesticHomicideReview,
    ReviewIndex,
    Timeliness,
)
from tenants.conflicts import retried_on_index_conflict
from tenants.ledger.case_dates import recorded_since
from tenants.ledger.service import Service, command, opening
from tenants.unreadable import LeftOut, events_of


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

    def all(
        self, at: datetime | None = None, *, left_out: LeftOut | None = None
    ) -> list[DomesticHomicideReview]:
        """In order of notification, as the partnership's register of cases; ``at``: the
        register as it was recorded by that instant (each case replayed to it).

        ``left_out``: a case (or the register itself) that cannot be read is left out and
        noted there, for readers that must carry on past it; without, it fails the read."""
        if left_out is not None:
            return self._readable(left_out, at)
        if at is None:
            return [self.get(rid) for rid in self.index().review_ids]
        index = self.replayed(ReviewIndex.create_id(), at)
        if not isinstance(index, ReviewIndex):
            return []
        found = (self.replayed(rid, at) for rid in index.review_ids)
        return [r for r in found if isinstance(r, DomesticHomicideReview)]

    def readable(self, left_out: LeftOut) -> list[DomesticHomicideReview]:
        """The register as ``all`` gives it, without the cases (or the register itself) that
        cannot be read: each noted in ``left_out``, for readers that must carry on past them."""
        return self.all(left_out=left_out)

    def _readable(self, left_out: LeftOut, at: datetime | None) -> list[DomesticHomicideReview]:
        index_id = ReviewIndex.create_id()
        if at is None:
            index = left_out.load(index_id, self.index)
            load: Any = self.get
        else:
            index = left_out.load(index_id, partial(self.replayed, index_id, at))
            load = partial(self.replayed, at=at)
        if not isinstance(index, ReviewIndex):
            return []
        found = (left_out.load(rid, partial(load, rid)) for rid in index.review_ids)
        return [review for review in found if isinstance(review, DomesticHomicideReview)]

    def pseudonyms(self, review_id: UUID) -> list[str]:
        """Every pseudonym the case has had, the current one first: a corrected one was still
        typed into texts written before the correction, so whatever scrubs the pseudonym from
        them must scrub these too. An event that cannot be read names none."""
        review = self.get(review_id)
        found = [review.pseudonym]
        for recorded in events_of(self.app, review_id):
            kind = type(recorded).__qualname__
            if kind == "DomesticHomicideReview.Notified":
                found.append(recorded.pseudonym)
            elif kind == "DomesticHomicideReview.Corrected" and recorded.field == "pseudonym":
                found += [recorded.previous, recorded.value]
        return list(dict.fromkeys(p for p in found if isinstance(p, str) and p.strip()))

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

    def correct(
        self,
        review_id: UUID,
        field: str,
        value: object,
        reason: str,
        *,
        today: date | None = None,
        pseudonym_confirmed: bool = False,
    ) -> None:
        """A mis-keyed fact; the case's own ``correct`` checks field, value and reason, and a
        corrected incident against what the review recorded since (``case_dates``)."""
        review = self.get(review_id)
        since = recorded_since(self.app, review_id) if field == "incident_on" else None
        review.correct(
            field,
            value,
            reason,
            today=today,
            recorded_since=since,
            pseudonym_confirmed=pseudonym_confirmed,
        )
        self.save(review)

    @retried_on_index_conflict
    @opening(DomesticHomicideReview.notify)
    def notify(self, review: DomesticHomicideReview) -> UUID:
        """Open a case; its id is derived from the reference, which is unique in the partnership."""
        index = self.index()
        index.add(review.reference)
        self.save(review, index)
        return review.id

    # The rest: get → command → save (see ``command``).
    decide = command(get, DomesticHomicideReview.decide)
    notify_home_office = command(get, DomesticHomicideReview.notify_home_office)
    record_decision_check = command(get, DomesticHomicideReview.record_decision_check)
    direct = command(get, DomesticHomicideReview.direct_review)
    commission = command(get, DomesticHomicideReview.commission)
    hold_panel_meeting = command(get, DomesticHomicideReview.hold_panel_meeting)
    pause = command(get, DomesticHomicideReview.pause)
    resume = command(get, DomesticHomicideReview.resume)
    record_family_involvement = command(get, DomesticHomicideReview.record_family_involvement)
    draft = command(get, DomesticHomicideReview.draft)
    agree_action_plan = command(get, DomesticHomicideReview.agree_action_plan)
    submit = command(get, DomesticHomicideReview.submit)
    receive_feedback = command(get, DomesticHomicideReview.receive_feedback)
    resubmit = command(get, DomesticHomicideReview.resubmit)
    approve = command(get, DomesticHomicideReview.approve)
    publish = command(get, DomesticHomicideReview.publish)
    withhold_publication = command(get, DomesticHomicideReview.withhold_publication)
    decommission = command(get, DomesticHomicideReview.decommission)
