"""One row per DHR case with the dates the regional tables count by, and its timeliness.

Counts 'since a date' cannot be precomputed for every date, so the row keeps each milestone's
date and the queries count with indexed range filters; timeliness day-counts (net of paused
days, as the domain measures them) are recomputed whenever a dated step or a pause changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, ClassVar

from projections.batched import BatchedModel, ids
from projections.items import Item
from projections.model import Tables, on
from projections.port import ViewTx
from projections.rows import RowSet
from projections.views.dhr_timing import refresh_timing

HOLDS_REVIEW = ("hold", "joint_with_scr", "joint_with_sar")

CASE_COLUMNS = (
    "tenant TEXT NOT NULL, case_id TEXT NOT NULL, reference TEXT NOT NULL, kind TEXT NOT NULL,"
    " death_category TEXT NOT NULL, incident_on TEXT NOT NULL, notified_on TEXT NOT NULL,"
    " decided_on TEXT, outcome TEXT, commenced_on TEXT, first_panel_on TEXT, submitted_on TEXT,"
    " approved_on TEXT, published_on TEXT, decommissioned_on TEXT, withheld_on TEXT,"
    " open_pause_since TEXT, ever_paused INTEGER NOT NULL DEFAULT 0,"
    " decision_due TEXT NOT NULL, completion_due_net TEXT NOT NULL,"
    " days_to_decision INTEGER, days_to_first_panel INTEGER, days_to_submission INTEGER,"
    " days_to_completion INTEGER, agreed_cost_pence BIGINT NOT NULL DEFAULT 0,"
    " PRIMARY KEY (tenant, case_id)"
)


# A case's pauses by number (1, 2... as recorded): two may start on one day, one resumed at once.
PAUSE_COLUMNS = (
    "tenant TEXT NOT NULL, case_id TEXT NOT NULL, number INTEGER NOT NULL,"
    " paused_on TEXT NOT NULL, resumed_on TEXT, PRIMARY KEY (tenant, case_id, number)"
)


class Cases:
    """The cases (and their pauses) one page of a tenant's events touches."""

    def __init__(self, tx: ViewTx, t: Tables, tenant: str, items: Sequence[Item]) -> None:
        touched = ids(items, "DomesticHomicideReview.")
        self.cases = RowSet(t["cases"], tenant, ("case_id",), CASE_COLUMNS)
        self.pauses = RowSet(t["pauses"], tenant, ("case_id", "number"), PAUSE_COLUMNS)
        self.cases.load(tx, touched)
        self.pauses.load(tx, touched)
        self.stale: set[str] = set()  # cases whose dates or pauses changed: timing to recompute

    def update(self, e: Any, **values: Any) -> dict[str, Any] | None:
        return self.cases.update((str(e.originator_id),), **values)

    def add_pause(self, e: Any, paused_on: date, resumed_on: date | None = None) -> None:
        case_id = str(e.originator_id)
        number = 1 + max(
            (int(p["number"]) for p in self.pauses.where("case_id", case_id)), default=0
        )
        self.pauses.insert(
            case_id=case_id,
            number=number,
            paused_on=paused_on.isoformat(),
            resumed_on=resumed_on.isoformat() if resumed_on else None,
        )
        self.update(e, ever_paused=1)

    def first(self, e: Any, column: str, on_: date) -> None:
        """Set a day column unless it already has one: the first event to set it wins."""
        case = self.cases.get(str(e.originator_id))
        if case is not None and case[column] is None:
            self.update(e, **{column: on_.isoformat()})

    def flush(self, tx: ViewTx) -> None:
        for case_id in self.stale:
            case = self.cases.get(case_id)
            if case is not None:
                pauses = sorted(
                    self.pauses.where("case_id", case_id),
                    key=lambda p: (p["paused_on"], p["number"]),
                )
                refresh_timing(case, pauses)
                self.cases.touch(case)
        self.cases.flush(tx)
        self.pauses.flush(tx)


# Corrected fields that are columns of the case row under the same name.
SAME_NAME = (
    "incident_on",
    "notified_on",
    "kind",
    "death_category",
    "submitted_on",
    "approved_on",
    "published_on",
    "decommissioned_on",
)

# Steps that only set their day column: event -> (column, the event's day, whether the
# timeliness day-counts change with it).
DATED = {
    "DomesticHomicideReview.Approved": ("approved_on", "approved_on", True),
    "DomesticHomicideReview.Published": ("published_on", "published_on", False),
    "DomesticHomicideReview.PublicationWithheld": ("withheld_on", "withheld_on", False),
    "DomesticHomicideReview.Decommissioned": ("decommissioned_on", "home_office_agreed_on", True),
}


class ReviewCases(BatchedModel):
    name = "dhr"
    version = 2  # 2: pauses numbered, so two begun on one day are both kept
    tables: ClassVar[dict[str, str]] = {"cases": CASE_COLUMNS, "pauses": PAUSE_COLUMNS}
    indexes: ClassVar[dict[str, tuple[str, ...]]] = {"cases": ("tenant, notified_on",)}
    batch = Cases

    @on("DomesticHomicideReview.Notified")
    def notified(self, b: Cases, e: Any) -> None:
        b.cases.insert(
            case_id=str(e.originator_id),
            reference=e.reference,
            kind=str(e.kind),
            death_category=str(e.death_category),
            incident_on=e.incident_on.isoformat(),
            notified_on=e.notified_on.isoformat(),
            ever_paused=0,
            decision_due="",
            completion_due_net="",
            agreed_cost_pence=0,
        )
        b.stale.add(str(e.originator_id))

    @on("DomesticHomicideReview.Decided")
    def decided(self, b: Cases, e: Any) -> None:
        outcome = str(e.outcome)
        commenced = e.decided_on.isoformat() if outcome in HOLDS_REVIEW else None
        b.update(e, decided_on=e.decided_on.isoformat(), outcome=outcome, commenced_on=commenced)
        b.stale.add(str(e.originator_id))

    @on("DomesticHomicideReview.ReviewDirected")
    def directed(self, b: Cases, e: Any) -> None:
        b.first(e, "commenced_on", e.directed_on)

    @on("DomesticHomicideReview.PanelMet")
    def panel_met(self, b: Cases, e: Any) -> None:
        case, on_ = b.cases.get(str(e.originator_id)), e.met_on.isoformat()
        if case is not None and (case["first_panel_on"] is None or case["first_panel_on"] > on_):
            b.update(e, first_panel_on=on_)
        b.stale.add(str(e.originator_id))

    @on("DomesticHomicideReview.Submitted")
    def submitted(self, b: Cases, e: Any) -> None:
        b.first(e, "submitted_on", e.submitted_on)
        b.stale.add(str(e.originator_id))

    @on(*DATED)
    def dated(self, b: Cases, e: Any) -> None:
        column, dated_by, timed = DATED[type(e).__qualname__]
        b.update(e, **{column: getattr(e, dated_by).isoformat()})
        if timed:
            b.stale.add(str(e.originator_id))

    @on("DomesticHomicideReview.Commissioned")
    def commissioned(self, b: Cases, e: Any) -> None:
        case = b.cases.get(str(e.originator_id))
        if case is not None:
            b.update(e, agreed_cost_pence=int(case["agreed_cost_pence"]) + int(e.cost_pence))

    @on("DomesticHomicideReview.Paused")
    def paused(self, b: Cases, e: Any) -> None:
        b.add_pause(e, e.paused_on)
        b.stale.add(str(e.originator_id))

    @on("DomesticHomicideReview.Resumed")
    def resumed(self, b: Cases, e: Any) -> None:
        for pause in list(b.pauses.where("case_id", str(e.originator_id))):
            if pause["resumed_on"] is None:
                pause["resumed_on"] = e.resumed_on.isoformat()
                b.pauses.touch(pause)
        b.stale.add(str(e.originator_id))

    @on("DomesticHomicideReview.Corrected")
    def corrected(self, b: Cases, e: Any) -> None:
        """The corrected value replaces the recorded one; timing is recomputed from it."""
        case_id, value = str(e.originator_id), e.value
        case = b.cases.get(case_id)
        if case is None:
            return
        text = value.isoformat() if hasattr(value, "isoformat") else value
        if e.field in SAME_NAME:
            b.update(e, **{e.field: text})
        elif e.field == "decided_on":
            commenced = case["commenced_on"]
            if case["outcome"] in HOLDS_REVIEW:
                commenced = text
            b.update(e, decided_on=text, commenced_on=commenced)
        elif e.field == "directed_on" and case["outcome"] not in HOLDS_REVIEW:
            b.update(e, commenced_on=text)
        elif str(e.field).startswith("panel_meeting."):  # the case's first meeting after it
            first = getattr(e, "first_panel_on", None)
            b.update(e, first_panel_on=first.isoformat() if first else None)
        elif str(e.field).startswith("commission."):  # a commissioning's agreed cost
            agreed = int(case["agreed_cost_pence"]) + int(e.value) - int(e.previous)
            b.update(e, agreed_cost_pence=agreed)
        elif e.field == "pause":
            b.add_pause(e, value.paused_on, value.resumed_on)
        b.stale.add(case_id)
