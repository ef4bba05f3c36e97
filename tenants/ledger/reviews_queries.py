"""Reading DHR cases back: by id, by reference, as the partnership's register, and their timeliness.

Only ``DomesticHomicideReview`` aggregates come back as reviews; any other id is not found.
"""

from __future__ import annotations

from datetime import date
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
