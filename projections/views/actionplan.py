"""Recommendations, their themes and target sectors, and the actions that implement them.

Actions keep their status, due date and impact-review due date, so 'open', 'overdue' and
'completed but never impact-reviewed' are indexed filters at read time ('overdue' depends on
the day asked). A DHR's themes are the union of its findings' and recommendations' themes,
so the regional view can say how many CSPs and DHRs share each one.
"""

from __future__ import annotations

from typing import Any, ClassVar

from projections.model import ReadModel, Tables, on
from projections.port import ViewTx

KEY = "tenant TEXT NOT NULL"


class ActionPlans(ReadModel):
    name = "actionplan"
    tables: ClassVar[dict[str, str]] = {
        "recommendations": f"{KEY}, rec_id TEXT NOT NULL, review_id TEXT NOT NULL, made_on TEXT NOT NULL,"
        " scope TEXT NOT NULL, target_sector TEXT, PRIMARY KEY (tenant, rec_id)",
        "rec_themes": f"{KEY}, rec_id TEXT NOT NULL, theme TEXT NOT NULL, PRIMARY KEY (tenant, rec_id, theme)",
        "findings": f"{KEY}, findings_id TEXT NOT NULL, review_id TEXT NOT NULL, PRIMARY KEY (tenant, findings_id)",
        "review_themes": f"{KEY}, review_id TEXT NOT NULL, theme TEXT NOT NULL, first_on TEXT NOT NULL,"
        " PRIMARY KEY (tenant, review_id, theme)",
        "actions": f"{KEY}, action_id TEXT NOT NULL, rec_id TEXT NOT NULL, owner TEXT NOT NULL,"
        " made_on TEXT NOT NULL, due_on TEXT NOT NULL, status TEXT NOT NULL, completed_on TEXT,"
        " impact_review_due_on TEXT, PRIMARY KEY (tenant, action_id)",
    }
    indexes: ClassVar[dict[str, tuple[str, ...]]] = {"actions": ("tenant, status",)}

    @on("Recommendation.Made")
    def made(self, tx: ViewTx, t: Tables, tenant: str, e: Any) -> None:
        rec, made_on = str(e.originator_id), e.made_on.isoformat()
        tx.execute(
            t.sql(
                "INSERT INTO {recommendations} (tenant, rec_id, review_id, made_on, scope, target_sector)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"
            ),
            (tenant, rec, str(e.review_id), made_on, str(e.scope), e.target_sector),
        )
        for code in e.theme_codes:
            tx.execute(
                t.sql(
                    "INSERT INTO {rec_themes} (tenant, rec_id, theme) VALUES (?, ?, ?) ON CONFLICT DO NOTHING"
                ),
                (tenant, rec, code),
            )
        _review_themes(tx, t, tenant, str(e.review_id), e.theme_codes, made_on)

    @on("ReviewFindings.Opened")
    def findings_opened(self, tx: ViewTx, t: Tables, tenant: str, e: Any) -> None:
        tx.execute(
            t.sql(
                "INSERT INTO {findings} (tenant, findings_id, review_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING"
            ),
            (tenant, str(e.originator_id), str(e.review_id)),
        )

    @on("ReviewFindings.FindingRecorded")
    def finding(self, tx: ViewTx, t: Tables, tenant: str, e: Any) -> None:
        row = tx.fetchone(
            t.sql("SELECT review_id FROM {findings} WHERE tenant = ? AND findings_id = ?"),
            (tenant, str(e.originator_id)),
        )
        if row is not None:
            _review_themes(tx, t, tenant, str(row[0]), e.theme_codes, e.recorded_on.isoformat())

    @on("Action.Planned")
    def planned(self, tx: ViewTx, t: Tables, tenant: str, e: Any) -> None:
        tx.execute(
            t.sql(
                "INSERT INTO {actions} (tenant, action_id, rec_id, owner, made_on, due_on, status)"
                " VALUES (?, ?, ?, ?, ?, ?, 'open') ON CONFLICT DO NOTHING"
            ),
            (
                tenant,
                str(e.originator_id),
                str(e.recommendation_id),
                e.owner,
                e.not_before.isoformat(),
                e.due_on.isoformat(),
            ),
        )

    @on("Action.Started")
    def started(self, tx: ViewTx, t: Tables, tenant: str, e: Any) -> None:
        _set(tx, t, tenant, e, "status = 'in_progress'")

    @on("Action.DueDateChanged")
    def due_changed(self, tx: ViewTx, t: Tables, tenant: str, e: Any) -> None:
        _set(tx, t, tenant, e, "due_on = ?", e.new.isoformat())

    @on("Action.Completed")
    def completed(self, tx: ViewTx, t: Tables, tenant: str, e: Any) -> None:
        _set(
            tx,
            t,
            tenant,
            e,
            "status = 'completed', completed_on = ?, impact_review_due_on = ?",
            e.completed_on.isoformat(),
            e.impact_review_due_on.isoformat(),
        )

    @on("Action.CompletionConfirmed")
    def confirmed(self, tx: ViewTx, t: Tables, tenant: str, e: Any) -> None:
        _set(tx, t, tenant, e, "status = 'completion_confirmed'")

    @on("Action.ImpactReviewed")
    def impact_reviewed(self, tx: ViewTx, t: Tables, tenant: str, e: Any) -> None:
        if str(e.outcome) == "not_embedded":  # reopened: the work is not done until embedded
            _set(
                tx,
                t,
                tenant,
                e,
                "status = 'open', completed_on = NULL, impact_review_due_on = NULL",
            )
        else:
            _set(tx, t, tenant, e, "impact_review_due_on = NULL")

    @on("Action.MarkedNotAchievable")
    def not_achievable(self, tx: ViewTx, t: Tables, tenant: str, e: Any) -> None:
        _set(tx, t, tenant, e, "status = 'not_achievable'")

    @on("Action.Superseded")
    def superseded(self, tx: ViewTx, t: Tables, tenant: str, e: Any) -> None:
        _set(tx, t, tenant, e, "status = 'superseded', impact_review_due_on = NULL")


def _set(tx: ViewTx, t: Tables, tenant: str, e: Any, assignments: str, *values: Any) -> None:
    tx.execute(
        t.sql(f"UPDATE {{actions}} SET {assignments} WHERE tenant = ? AND action_id = ?"),
        (*values, tenant, str(e.originator_id)),
    )


def _review_themes(tx: ViewTx, t: Tables, tenant: str, review: str, codes: Any, on_: str) -> None:
    for code in codes:
        tx.execute(
            t.sql(
                "INSERT INTO {review_themes} (tenant, review_id, theme, first_on) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (tenant, review_id, theme) DO UPDATE SET first_on ="
                " CASE WHEN excluded.first_on < {review_themes}.first_on"
                " THEN excluded.first_on ELSE {review_themes}.first_on END"
            ),
            (tenant, review, code, on_),
        )
