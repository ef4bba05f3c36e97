"""One row per DHR case with the dates the regional tables count by, and its timeliness.

Counts 'since a date' cannot be precomputed for every date, so the row keeps each milestone's
date and the queries count with indexed range filters; timeliness day-counts (net of paused
days, as the domain measures them) are recomputed whenever a dated step or a pause changes.
"""

from __future__ import annotations

from typing import Any, ClassVar

from projections.model import ReadModel, Tables, on
from projections.port import ViewTx
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


class ReviewCases(ReadModel):
    name = "dhr"
    tables: ClassVar[dict[str, str]] = {
        "cases": CASE_COLUMNS,
        "pauses": "tenant TEXT NOT NULL, case_id TEXT NOT NULL, paused_on TEXT NOT NULL,"
        " resumed_on TEXT, PRIMARY KEY (tenant, case_id, paused_on)",
    }
    indexes: ClassVar[dict[str, tuple[str, ...]]] = {"cases": ("tenant, notified_on",)}

    @on("DomesticHomicideReview.Notified")
    def notified(self, tx: ViewTx, t: Tables, tenant: str, e: Any) -> None:
        tx.execute(
            t.sql(
                "INSERT INTO {cases} (tenant, case_id, reference, kind, death_category, incident_on,"
                " notified_on, decision_due, completion_due_net) VALUES (?, ?, ?, ?, ?, ?, ?, '', '')"
                " ON CONFLICT (tenant, case_id) DO NOTHING"
            ),
            (
                tenant,
                str(e.originator_id),
                e.reference,
                str(e.kind),
                str(e.death_category),
                e.incident_on.isoformat(),
                e.notified_on.isoformat(),
            ),
        )
        refresh_timing(tx, t, tenant, str(e.originator_id))

    @on("DomesticHomicideReview.Decided")
    def decided(self, tx: ViewTx, t: Tables, tenant: str, e: Any) -> None:
        outcome = str(e.outcome)
        commenced = e.decided_on.isoformat() if outcome in HOLDS_REVIEW else None
        self._update(
            tx,
            t,
            tenant,
            e,
            "decided_on = ?, outcome = ?, commenced_on = ?",
            e.decided_on.isoformat(),
            outcome,
            commenced,
        )
        refresh_timing(tx, t, tenant, str(e.originator_id))

    @on("DomesticHomicideReview.ReviewDirected")
    def directed(self, tx: ViewTx, t: Tables, tenant: str, e: Any) -> None:
        self._update(
            tx, t, tenant, e, "commenced_on = COALESCE(commenced_on, ?)", e.directed_on.isoformat()
        )

    @on("DomesticHomicideReview.PanelMet")
    def panel_met(self, tx: ViewTx, t: Tables, tenant: str, e: Any) -> None:
        on_ = e.met_on.isoformat()
        self._update(
            tx,
            t,
            tenant,
            e,
            "first_panel_on = CASE WHEN first_panel_on IS NULL"
            " OR first_panel_on > ? THEN ? ELSE first_panel_on END",
            on_,
            on_,
        )
        refresh_timing(tx, t, tenant, str(e.originator_id))

    @on("DomesticHomicideReview.Submitted")
    def submitted(self, tx: ViewTx, t: Tables, tenant: str, e: Any) -> None:
        self._update(
            tx, t, tenant, e, "submitted_on = COALESCE(submitted_on, ?)", e.submitted_on.isoformat()
        )
        refresh_timing(tx, t, tenant, str(e.originator_id))

    @on("DomesticHomicideReview.Approved")
    def approved(self, tx: ViewTx, t: Tables, tenant: str, e: Any) -> None:
        self._update(tx, t, tenant, e, "approved_on = ?", e.approved_on.isoformat())
        refresh_timing(tx, t, tenant, str(e.originator_id))

    @on("DomesticHomicideReview.Published")
    def published(self, tx: ViewTx, t: Tables, tenant: str, e: Any) -> None:
        self._update(tx, t, tenant, e, "published_on = ?", e.published_on.isoformat())

    @on("DomesticHomicideReview.PublicationWithheld")
    def withheld(self, tx: ViewTx, t: Tables, tenant: str, e: Any) -> None:
        self._update(tx, t, tenant, e, "withheld_on = ?", e.withheld_on.isoformat())

    @on("DomesticHomicideReview.Decommissioned")
    def decommissioned(self, tx: ViewTx, t: Tables, tenant: str, e: Any) -> None:
        self._update(tx, t, tenant, e, "decommissioned_on = ?", e.home_office_agreed_on.isoformat())
        refresh_timing(tx, t, tenant, str(e.originator_id))

    @on("DomesticHomicideReview.Commissioned")
    def commissioned(self, tx: ViewTx, t: Tables, tenant: str, e: Any) -> None:
        self._update(
            tx, t, tenant, e, "agreed_cost_pence = agreed_cost_pence + ?", int(e.cost_pence)
        )

    @on("DomesticHomicideReview.Paused")
    def paused(self, tx: ViewTx, t: Tables, tenant: str, e: Any) -> None:
        tx.execute(
            t.sql(
                "INSERT INTO {pauses} (tenant, case_id, paused_on) VALUES (?, ?, ?) ON CONFLICT DO NOTHING"
            ),
            (tenant, str(e.originator_id), e.paused_on.isoformat()),
        )
        self._update(tx, t, tenant, e, "ever_paused = 1")
        refresh_timing(tx, t, tenant, str(e.originator_id))

    @on("DomesticHomicideReview.Resumed")
    def resumed(self, tx: ViewTx, t: Tables, tenant: str, e: Any) -> None:
        tx.execute(
            t.sql(
                "UPDATE {pauses} SET resumed_on = ? WHERE tenant = ? AND case_id = ? AND resumed_on IS NULL"
            ),
            (e.resumed_on.isoformat(), tenant, str(e.originator_id)),
        )
        refresh_timing(tx, t, tenant, str(e.originator_id))

    @staticmethod
    def _update(tx: ViewTx, t: Tables, tenant: str, e: Any, assignments: str, *values: Any) -> None:
        tx.execute(
            t.sql(f"UPDATE {{cases}} SET {assignments} WHERE tenant = ? AND case_id = ?"),
            (*values, tenant, str(e.originator_id)),
        )
