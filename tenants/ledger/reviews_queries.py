"""Reading DHR cases back: by id, by reference, as the partnership's register, and their timeliness.

Only ``DomesticHomicideReview`` aggregates come back as reviews; any other id is not found.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError

from domain.errors import NotFoundError
from domain.reviews import DomesticHomicideReview, ReviewIndex, Timeliness

if TYPE_CHECKING:
    from eventsourcing.application import Application

    _Base = Application[Any]
else:
    _Base = object


class ReviewQueries(_Base):
    def get_review(self, review_id: UUID) -> DomesticHomicideReview:
        review: Any
        try:
            review = self.repository.get(review_id)
        except AggregateNotFoundError:
            review = None
        if not isinstance(review, DomesticHomicideReview):
            raise NotFoundError(
                "No such review in this partnership; check the id or notify the death."
            )
        return review

    def review_id_for(self, reference: str) -> UUID:
        if reference not in self._review_index():
            raise NotFoundError(
                f"No review with reference {reference.strip()} in this partnership; check it."
            )
        return DomesticHomicideReview.create_id(reference)

    def list_reviews(self) -> list[DomesticHomicideReview]:
        """In order of notification, as the partnership's register of cases."""
        return [self.get_review(rid) for rid in self._review_index().review_ids]

    def review_timeliness(self, review_id: UUID, as_of: date) -> Timeliness:
        return self.get_review(review_id).timeliness(as_of)

    def review_as_recorded(self, review_id: UUID, at: datetime) -> DomesticHomicideReview:
        """The case exactly as recorded by ``at``: no later step or correction shows."""
        self.get_review(review_id)
        found = _as_recorded(self, review_id, at)
        if not isinstance(found, DomesticHomicideReview):
            raise NotFoundError(
                f"The case was not yet recorded at {at.isoformat()}; pick a later instant."
            )
        return found

    def list_reviews_as_recorded(self, at: datetime) -> list[DomesticHomicideReview]:
        """The register as it was recorded by ``at``."""
        index = _as_recorded(self, ReviewIndex.create_id(), at)
        if not isinstance(index, ReviewIndex):
            return []
        found = (_as_recorded(self, rid, at) for rid in index.review_ids)
        return [r for r in found if isinstance(r, DomesticHomicideReview)]

    def _review_index(self) -> ReviewIndex:
        """The register, or a new empty one until the first case is saved with it."""
        index: Any
        try:
            index = self.repository.get(ReviewIndex.create_id())
        except AggregateNotFoundError:
            return ReviewIndex()
        if not isinstance(index, ReviewIndex):
            raise TypeError(
                f"The review index id holds a {type(index).__name__}, not a ReviewIndex."
            )
        return index


def _as_recorded(app: Any, aggregate_id: UUID, at: datetime) -> Any:
    """The aggregate replayed to its last event recorded at or before ``at``, or None."""
    version = None
    for stored in app.events.get(aggregate_id):
        if stored.timestamp > at:
            break
        version = stored.originator_version
    return None if version is None else app.repository.get(aggregate_id, version=version)
