"""Each action's dated life, so 'what was open, overdue or awaiting impact review on a day' is a
range filter on business dates rather than a replay.

The ``actionplan`` model keeps each action as it stands now; this one keeps the days its status
changed: completed (and, if an impact review reopened it, the completion before), closed
without completion, impact-reviewed. Its own model (and table) so that existing stores build it
from their history on first start, with no migration of the live action table.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from projections.batched import BatchedModel, ids
from projections.items import Item
from projections.model import Tables, on
from projections.port import ViewTx
from projections.rows import RowSet
from projections.views.actionplan import corrected_columns, planned_columns

DAYS = (
    "tenant TEXT NOT NULL, action_id TEXT NOT NULL, rec_id TEXT NOT NULL, owner TEXT NOT NULL,"
    " made_on TEXT NOT NULL, due_on TEXT NOT NULL, completed_on TEXT, impact_review_due_on TEXT,"
    " impact_reviewed_on TEXT, reopened_on TEXT, earlier_completed_on TEXT,"
    " earlier_review_due_on TEXT, closed_on TEXT, PRIMARY KEY (tenant, action_id)"
)


class Days:
    def __init__(self, tx: ViewTx, t: Tables, tenant: str, items: Sequence[Item]) -> None:
        self.rows = RowSet(t["action_days"], tenant, ("action_id",), DAYS)
        self.rows.load(tx, ids(items, "Action."))

    def set(self, e: Any, **values: Any) -> None:
        self.rows.update((str(e.originator_id),), **values)

    def flush(self, tx: ViewTx) -> None:
        self.rows.flush(tx)


class ActionDays(BatchedModel):
    name = "action_days"
    tables: ClassVar[dict[str, str]] = {"action_days": DAYS}
    indexes: ClassVar[dict[str, tuple[str, ...]]] = {"action_days": ("tenant, made_on",)}

    def open_batch(self, tx: ViewTx, t: Tables, tenant: str, items: Sequence[Item]) -> Days:
        return Days(tx, t, tenant, items)

    @on("Action.Planned")
    def planned(self, b: Days, e: Any) -> None:
        b.rows.insert(**planned_columns(e))

    @on("Action.RecommendationDateCorrected")
    def recommendation_redated(self, b: Days, e: Any) -> None:
        b.set(e, made_on=e.made_on.isoformat())

    @on("Action.DueDateChanged")
    def due_changed(self, b: Days, e: Any) -> None:
        b.set(e, due_on=e.new.isoformat())

    @on("Action.Completed")
    def completed(self, b: Days, e: Any) -> None:
        b.set(
            e,
            completed_on=e.completed_on.isoformat(),
            impact_review_due_on=e.impact_review_due_on.isoformat(),
            impact_reviewed_on=None,
        )

    @on("Action.ImpactReviewed")
    def impact_reviewed(self, b: Days, e: Any) -> None:
        row = b.rows.get(str(e.originator_id))
        if row is None:
            return
        on_ = e.reviewed_on.isoformat()
        outcome = str(e.outcome)
        if outcome == "not_embedded":  # reopened: done from completion until this review
            b.set(
                e,
                reopened_on=on_,
                earlier_completed_on=row["completed_on"],
                earlier_review_due_on=row["impact_review_due_on"],
                completed_on=None,
                impact_review_due_on=None,
            )
        else:
            b.set(e, impact_reviewed_on=on_)

    @on("Action.NextImpactReviewScheduled")
    def next_review(self, b: Days, e: Any) -> None:
        """Partly embedded: reviewed, and awaiting the next review from that day on."""
        b.set(e, impact_review_due_on=e.next_review_due_on.isoformat(), impact_reviewed_on=None)

    @on("Action.MarkedNotAchievable", "Action.Superseded")
    def closed(self, b: Days, e: Any) -> None:
        b.set(e, closed_on=e.on.isoformat())

    @on("Action.Corrected")
    def corrected(self, b: Days, e: Any) -> None:
        if values := corrected_columns(b.rows.get(str(e.originator_id)), e):
            b.set(e, **values)
