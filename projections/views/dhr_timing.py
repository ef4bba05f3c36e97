"""Timeliness columns of a case, computed with the domain's own rules (``domain.reviews.timeliness``).

Stored so reads stay cheap: the day-counts, the decision due date, and the completion due
date pushed back by closed pauses (``completion_due_net``). An open pause freezes the clock
at its start, which is why the row also keeps ``open_pause_since``.
"""

from __future__ import annotations

from datetime import date, timedelta

from domain.reviews.checks import add_months
from domain.reviews.records import Pause
from domain.reviews.timeliness import COMPLETION_MONTHS, DECISION_MONTHS
from domain.reviews.values import PauseReason
from projections.model import Tables
from projections.port import ViewTx

DATES = "incident_on, decided_on, first_panel_on, submitted_on, approved_on, decommissioned_on"


def refresh_timing(tx: ViewTx, t: Tables, tenant: str, case_id: str) -> None:
    row = tx.fetchone(
        t.sql(f"SELECT {DATES} FROM {{cases}} WHERE tenant = ? AND case_id = ?"), (tenant, case_id)
    )
    if row is None:
        return
    incident, decided, panel, submitted, approved, _closed = (_day(v) for v in row)
    assert incident is not None
    pauses = [
        Pause(date.fromisoformat(p), PauseReason.OTHER, "", _day(r))
        for p, r in tx.fetchall(
            t.sql("SELECT paused_on, resumed_on FROM {pauses} WHERE tenant = ? AND case_id = ?"),
            (tenant, case_id),
        )
    ]

    def net(until: date | None) -> int | None:
        if until is None:
            return None
        return (until - incident).days - sum(p.days_within(incident, until) for p in pauses)

    far = date.max
    closed_paused = sum(p.days_within(incident, far) for p in pauses if p.resumed_on is not None)
    open_since = next((p.paused_on for p in pauses if p.resumed_on is None), None)
    completion_due_net = add_months(incident, COMPLETION_MONTHS) + timedelta(days=closed_paused)
    tx.execute(
        t.sql(
            "UPDATE {cases} SET decision_due = ?, completion_due_net = ?, open_pause_since = ?,"
            " days_to_decision = ?, days_to_first_panel = ?, days_to_submission = ?, days_to_completion = ?"
            " WHERE tenant = ? AND case_id = ?"
        ),
        (
            add_months(incident, DECISION_MONTHS).isoformat(),
            completion_due_net.isoformat(),
            open_since.isoformat() if open_since else None,
            net(decided),
            net(panel),
            net(submitted),
            net(approved),
            tenant,
            case_id,
        ),
    )


def _day(value: object) -> date | None:
    return date.fromisoformat(str(value)) if value else None
