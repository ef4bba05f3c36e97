"""Recommendations, their themes and target sectors, and the actions that implement them.

Regional tables hold counts, codes, dates and money only: an action's owner is kept as its
agency code (``domain.actionplan.agencies``), never as typed. Actions keep their status, due date and impact-review due date, so 'open', 'overdue' and
'completed but never impact-reviewed' are indexed filters at read time ('overdue' depends on
the day asked). A DHR's themes are the union of its findings' and recommendations' themes,
so the regional view can say how many CSPs and DHRs share each one; each keeps the earliest
day it appeared, a minimum, so a page's themes can be folded before they are written. A
correction of a finding's or recommendation's themes or date makes its review's themes again
from each record's own tags (``theme_tags``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any, ClassVar

from domain.actionplan.agencies import agency_code
from domain.actionplan.values import review_moved
from projections.batched import BatchedModel, ids
from projections.items import Item
from projections.model import Tables, on
from projections.port import ViewTx
from projections.rows import RowSet, columns
from projections.views.theme_tags import RECOMMENDATION, TAGS, ThemeTags

KEY = "tenant TEXT NOT NULL"


TABLES = {
    "recommendations": f"{KEY}, rec_id TEXT NOT NULL, review_id TEXT NOT NULL, made_on TEXT NOT NULL,"
    " scope TEXT NOT NULL, target_sector TEXT, PRIMARY KEY (tenant, rec_id)",
    "rec_themes": f"{KEY}, rec_id TEXT NOT NULL, theme TEXT NOT NULL, PRIMARY KEY (tenant, rec_id, theme)",
    "findings": f"{KEY}, findings_id TEXT NOT NULL, review_id TEXT NOT NULL, PRIMARY KEY (tenant, findings_id)",
    "review_themes": f"{KEY}, review_id TEXT NOT NULL, theme TEXT NOT NULL, first_on TEXT NOT NULL,"
    " PRIMARY KEY (tenant, review_id, theme)",
    "actions": f"{KEY}, action_id TEXT NOT NULL, rec_id TEXT NOT NULL, owner TEXT NOT NULL,"
    " made_on TEXT NOT NULL, due_on TEXT NOT NULL, status TEXT NOT NULL, completed_on TEXT,"
    " impact_review_due_on TEXT, PRIMARY KEY (tenant, action_id)",
    "tags": TAGS,
}
RETAGGED = ("Recommendation.Corrected", "ReviewFindings.FindingCorrected")


class Plans:
    """The rows one page of a tenant's events touches; recommendations and themes are only added."""

    def __init__(self, tx: ViewTx, t: Tables, tenant: str, items: Sequence[Item]) -> None:
        def rows(short: str, *key: str, upsert: bool = True) -> RowSet:
            return RowSet(t[short], tenant, key, TABLES[short], upsert=upsert)

        self.t, self.tenant = t, tenant
        self.recommendations = rows("recommendations", "rec_id", upsert=False)
        self.rec_themes = rows("rec_themes", "rec_id", "theme", upsert=False)
        self.findings = rows("findings", "findings_id", upsert=False)
        self.actions = rows("actions", "action_id")
        self.findings.load(tx, ids(items, "ReviewFindings."))
        self.actions.load(tx, ids(items, "Action."))
        # Recommendations are insert-only; a correction updates a stored one through this set.
        self.corrected = rows("recommendations", "rec_id")
        self.corrected.load(tx, ids(items, "Recommendation.Corrected"))
        self.rec_themes.load(tx, ids(items, "Recommendation.Corrected"))
        self.tags = ThemeTags(tx, t, tenant, ids(items, *RETAGGED))
        self.themes: dict[tuple[str, str], str] = {}  # (review, theme) -> earliest day in this page

    def review_themes(self, review: str, codes: Any, on_: str) -> None:
        for code in codes:
            known = self.themes.get((review, code))
            self.themes[(review, code)] = on_ if known is None or on_ < known else known

    def set(self, e: Any, **values: Any) -> None:
        self.actions.update((str(e.originator_id),), **values)

    def flush(self, tx: ViewTx) -> None:
        tables = (
            self.recommendations,
            self.corrected,
            self.rec_themes,
            self.findings,
            self.actions,
        )
        for table in tables:
            table.flush(tx)
        self.tags.flush(tx)  # a review whose tags changed has its themes made again
        folded = {k: v for k, v in self.themes.items() if k[0] not in self.tags.changed}
        if folded:
            tx.insert_rows(
                self.t["review_themes"],
                columns(TABLES["review_themes"]),
                self.t.sql(
                    "(tenant, review_id, theme) DO UPDATE SET first_on ="
                    " CASE WHEN excluded.first_on < {review_themes}.first_on"
                    " THEN excluded.first_on ELSE {review_themes}.first_on END"
                ),
                [(self.tenant, r, c, on_) for (r, c), on_ in sorted(folded.items())],
            )


class ActionPlans(BatchedModel):
    name = "actionplan"
    # 2: ``owner`` holds the owner's agency code, not the text typed; 3: a clinical
    # commissioning group or integrated care board is health, no longer "other"; 4: each
    # recommendation's and finding's own tags, so a corrected theme or date moves its review's
    version = 4
    tables: ClassVar[dict[str, str]] = TABLES
    indexes: ClassVar[dict[str, tuple[str, ...]]] = {"actions": ("tenant, status",)}
    batch = Plans

    @on("Recommendation.Made")
    def made(self, b: Plans, e: Any) -> None:
        rec, review, made_on = str(e.originator_id), str(e.review_id), e.made_on.isoformat()
        b.recommendations.insert(
            rec_id=rec,
            review_id=review,
            made_on=made_on,
            scope=str(e.scope),
            target_sector=e.target_sector,
        )
        for code in e.theme_codes:
            b.rec_themes.insert(rec_id=rec, theme=code)
        b.review_themes(review, e.theme_codes, made_on)
        b.tags.tag(rec, RECOMMENDATION, review, e.theme_codes, made_on)

    @on("ReviewFindings.Opened")
    def findings_opened(self, b: Plans, e: Any) -> None:
        b.findings.insert(findings_id=str(e.originator_id), review_id=str(e.review_id))

    @on("ReviewFindings.FindingRecorded")
    def finding(self, b: Plans, e: Any) -> None:
        row = b.findings.get(str(e.originator_id))
        if row is not None:
            review, on_ = str(row["review_id"]), e.recorded_on.isoformat()
            b.review_themes(review, e.theme_codes, on_)
            b.tags.tag(str(e.originator_id), e.number, review, e.theme_codes, on_)

    @on("ReviewFindings.FindingCorrected")
    def finding_corrected(self, b: Plans, e: Any) -> None:
        record = str(e.originator_id)
        if e.field == "theme_codes":
            b.tags.retag(record, e.number, e.value)
        elif e.field == "recorded_on":
            b.tags.redate(record, e.number, e.value.isoformat())

    @on("Action.Planned")
    def planned(self, b: Plans, e: Any) -> None:
        b.actions.insert(**planned_columns(e), status="open")

    @on("Action.Started")
    def started(self, b: Plans, e: Any) -> None:
        b.set(e, status="in_progress")

    @on("Action.DueDateChanged")
    def due_changed(self, b: Plans, e: Any) -> None:
        b.set(e, due_on=e.new.isoformat())

    @on("Action.Completed")
    def completed(self, b: Plans, e: Any) -> None:
        b.set(
            e,
            status="completed",
            completed_on=e.completed_on.isoformat(),
            impact_review_due_on=e.impact_review_due_on.isoformat(),
        )

    @on("Action.CompletionConfirmed")
    def confirmed(self, b: Plans, e: Any) -> None:
        b.set(e, status="completion_confirmed")

    @on("Action.ImpactReviewed")
    def impact_reviewed(self, b: Plans, e: Any) -> None:
        if str(e.outcome) == "not_embedded":  # reopened: the work is not done until embedded
            b.set(e, status="open", completed_on=None, impact_review_due_on=None)
        else:
            b.set(e, impact_review_due_on=None)

    @on("Action.NextImpactReviewScheduled")
    def next_review(self, b: Plans, e: Any) -> None:
        b.set(e, impact_review_due_on=e.next_review_due_on.isoformat())

    @on("Action.MarkedNotAchievable")
    def not_achievable(self, b: Plans, e: Any) -> None:
        b.set(e, status="not_achievable")

    @on("Action.Superseded")
    def superseded(self, b: Plans, e: Any) -> None:
        b.set(e, status="superseded", impact_review_due_on=None)

    @on("Recommendation.Corrected")
    def recommendation_corrected(self, b: Plans, e: Any) -> None:
        rec = str(e.originator_id)
        if e.field == "theme_codes":
            for row in list(b.rec_themes.where("rec_id", rec)):
                b.rec_themes.delete((rec, row["theme"]))
            for code in e.value:
                b.rec_themes.insert(rec_id=rec, theme=code)
            b.tags.retag(rec, RECOMMENDATION, e.value)
            return
        if e.field == "made_on":
            b.tags.redate(rec, RECOMMENDATION, e.value.isoformat())
        if e.field not in ("made_on", "target_sector", "scope"):
            return
        value = e.value.isoformat() if e.field == "made_on" else e.value
        key = (rec,)
        if b.recommendations.get(*key) is not None:  # made in this same page
            b.recommendations.update(key, **{e.field: value})
        else:
            b.corrected.update(key, **{e.field: value})

    @on("Action.RecommendationDateCorrected")
    def recommendation_redated(self, b: Plans, e: Any) -> None:
        b.set(e, made_on=e.made_on.isoformat())

    @on("Action.Corrected")
    def action_corrected(self, b: Plans, e: Any) -> None:
        if values := corrected_columns(b.actions.get(str(e.originator_id)), e):
            b.set(e, **values)


def corrected_columns(row: Mapping[str, Any] | None, e: Any) -> dict[str, Any]:
    """The columns an action's ``Corrected`` event changes in its row (none if not kept)."""
    if row is None:
        return {}
    if e.field in ("owner", "due_on"):
        return {e.field: agency_code(e.value) if e.field == "owner" else e.value.isoformat()}
    if e.field == "completed_on":
        due = shifted(row["impact_review_due_on"], e.previous, e.value)
        return {"completed_on": e.value.isoformat(), "impact_review_due_on": due}
    return {}


def shifted(due: str | None, previous: date, corrected: date) -> str | None:
    """The impact review stays the same number of months after the corrected completion."""
    if due is None:
        return None
    return review_moved(date.fromisoformat(due), previous, corrected).isoformat()


def planned_columns(e: Any) -> dict[str, str]:
    """What an ``Action.Planned`` event puts in a new action row (``actionplan``, ``action_days``)."""
    return {
        "action_id": str(e.originator_id),
        "rec_id": str(e.recommendation_id),
        "owner": agency_code(e.owner),  # a code, never the typed text
        "made_on": e.not_before.isoformat(),
        "due_on": e.due_on.isoformat(),
    }
