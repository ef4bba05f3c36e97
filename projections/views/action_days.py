"""Each action's dated life, so 'what was open, overdue or awaiting impact review on a day' is a
range filter on business dates rather than a replay.

The ``actionplan`` model keeps each action as it stands now; this one keeps the days its status
changed: completed (and, if an impact review reopened it, the completion before), closed
without completion; and (``action_review_dues``) each span in which an impact review was
awaited, from the completion or the review that scheduled it ("partly embedded") to the review
that ended it, with the date it was due, so a review late on a past day reads as late then.
Its own model (and tables) so that existing stores build it from their history on first start,
with no migration of the live action table.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from projections.batched import BatchedModel, ids
from projections.items import Item
from projections.model import Tables, on
from projections.port import ViewTx
from projections.rows import RowSet
from projections.views.actionplan import corrected_columns, planned_columns, shifted

DAYS = (
    "tenant TEXT NOT NULL, action_id TEXT NOT NULL, rec_id TEXT NOT NULL, owner TEXT NOT NULL,"
    " made_on TEXT NOT NULL, due_on TEXT NOT NULL, completed_on TEXT, reopened_on TEXT,"
    " earlier_completed_on TEXT, closed_on TEXT, PRIMARY KEY (tenant, action_id)"
)


DUES = (
    "tenant TEXT NOT NULL, action_id TEXT NOT NULL, from_on TEXT NOT NULL, to_on TEXT,"
    " due_on TEXT NOT NULL, PRIMARY KEY (tenant, action_id, from_on)"
)


# The events that begin or end a span an impact review is awaited (most of an action's events,
# progress above all, touch none: their batches read no spans).
SPANNING = (
    "Action.Completed",
    "Action.ImpactReviewed",
    "Action.NextImpactReviewScheduled",
    "Action.MarkedNotAchievable",
    "Action.Superseded",
    "Action.Corrected",
)


class Days:
    def __init__(self, tx: ViewTx, t: Tables, tenant: str, items: Sequence[Item]) -> None:
        self.rows = RowSet(t["action_days"], tenant, ("action_id",), DAYS)
        self.rows.load(tx, ids(items, "Action."))
        self.dues = RowSet(t["action_review_dues"], tenant, ("action_id", "from_on"), DUES)
        self.dues.load(tx, ids(items, *SPANNING), by="action_id")

    def set(self, e: Any, **values: Any) -> None:
        self.rows.update((str(e.originator_id),), **values)

    def awaiting(self, e: Any, from_on: str, due_on: str) -> None:
        """An impact review awaited from ``from_on``, due ``due_on`` (the one before ended)."""
        self.ended(e, from_on)
        key = (str(e.originator_id), from_on)
        if self.dues.update(key, to_on=None, due_on=due_on) is None:
            self.dues.insert(action_id=key[0], from_on=from_on, to_on=None, due_on=due_on)

    def ended(self, e: Any, on: str) -> None:
        """The impact review awaited (if one was) stops being awaited on ``on``."""
        for row in list(self.dues.where("action_id", str(e.originator_id))):
            if row["to_on"] is None:
                row["to_on"] = on
                self.dues.touch(row)

    def last_ended(self, e: Any) -> str | None:
        """The day the latest awaited review ended: the review a rescheduling follows."""
        spans = [r for r in self.dues.where("action_id", str(e.originator_id)) if r["to_on"]]
        return max((r["to_on"] for r in spans), default=None)

    def flush(self, tx: ViewTx) -> None:
        self.rows.flush(tx)
        self.dues.flush(tx)


class ActionDays(BatchedModel):
    name = "action_days"
    version = 2  # 2: each awaited impact review's span and due date (action_review_dues)
    tables: ClassVar[dict[str, str]] = {"action_days": DAYS, "action_review_dues": DUES}
    indexes: ClassVar[dict[str, tuple[str, ...]]] = {"action_days": ("tenant, made_on",)}
    batch = Days

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
        b.set(e, completed_on=e.completed_on.isoformat())
        b.awaiting(e, e.completed_on.isoformat(), e.impact_review_due_on.isoformat())

    @on("Action.ImpactReviewed")
    def impact_reviewed(self, b: Days, e: Any) -> None:
        row = b.rows.get(str(e.originator_id))
        if row is None:
            return
        on_ = e.reviewed_on.isoformat()
        b.ended(e, on_)
        if str(e.outcome) == "not_embedded":  # reopened: done from completion until this review
            b.set(e, reopened_on=on_, earlier_completed_on=row["completed_on"], completed_on=None)

    @on("Action.NextImpactReviewScheduled")
    def next_review(self, b: Days, e: Any) -> None:
        """Partly embedded: reviewed, and awaiting the next review from that day on."""
        reviewed = b.last_ended(e)
        if reviewed is not None:
            b.awaiting(e, reviewed, e.next_review_due_on.isoformat())

    @on("Action.MarkedNotAchievable", "Action.Superseded")
    def closed(self, b: Days, e: Any) -> None:
        """Closed from its first closure: a not-achievable action superseded later was
        already closed."""
        row = b.rows.get(str(e.originator_id))
        if row is not None and row["closed_on"] is None:
            b.set(e, closed_on=e.on.isoformat())
        b.ended(e, e.on.isoformat())

    @on("Action.Corrected")
    def corrected(self, b: Days, e: Any) -> None:
        if e.field in ("owner", "due_on"):  # as the live action table keeps them
            b.set(e, **corrected_columns(b.rows.get(str(e.originator_id)), e))
        elif e.field == "completed_on" and e.previous is not None:
            b.set(e, completed_on=e.value.isoformat())
            self._completion_moved(b, e)

    @staticmethod
    def _completion_moved(b: Days, e: Any) -> None:
        """The span the completion began moves with it, its review due the same number of
        months after (``domain.actionplan.correcting``)."""
        key = (str(e.originator_id), e.previous.isoformat())
        span = b.dues.get(*key)
        if span is None:
            return
        b.dues.delete(key)
        due = shifted(span["due_on"], e.previous, e.value)
        b.dues.insert(
            action_id=key[0], from_on=e.value.isoformat(), to_on=span["to_on"], due_on=due
        )
