"""``ReviewIndex``: the tenant's case references in order of notification.

Saved in the same transaction as each new case, so listing never misses one and a
reference is never taken twice, even by two officers at once.
"""

from __future__ import annotations

from uuid import UUID

from eventsourcing.domain import event

from domain.errors import DuplicateError
from domain.ids import ledger_id
from domain.recording import SingleRecord
from domain.reviews.review import review_id


class ReviewIndex(SingleRecord):
    ID = ledger_id("review-index")

    @event("Started")
    def __init__(self) -> None:
        self.references: tuple[str, ...] = ()
        # The ids of the references, kept beside them so that checking a new one costs one
        # lookup: recomputing every id per check made a 2,000-row sheet import quadratic.
        self.taken: set[UUID] = set()

    def __contains__(self, reference: object) -> bool:
        return isinstance(reference, str) and review_id(reference) in self.taken

    @property
    def review_ids(self) -> tuple[UUID, ...]:
        return tuple(review_id(r) for r in self.references)

    def by_id(self) -> dict[UUID, str]:
        """Each case's reference by its review's id, for lists that name the case."""
        return {review_id(r): r for r in self.references}

    def add(self, reference: str) -> None:
        if reference in self:
            raise DuplicateError(
                f"Case reference {reference.strip()} is already used in this partnership; "
                "choose another."
            )
        self._added(reference.strip())

    @event("Added")
    def _added(self, reference: str) -> None:
        self.references = (*self.references, reference)
        self.taken.add(review_id(reference))
