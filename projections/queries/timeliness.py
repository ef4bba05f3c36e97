"""How long cases took per CSP — incident to decision, to first panel, to submission — how
many decisions came later than the guidance's month, and which open cases are past its targets
(decision within 1 month, completion within 7).

Day-counts are net of paused days, as ``domain.reviews.timeliness`` measures them. Spreads
cover cases notified within the range; 'past target now' covers every open case as of
``today``, because a case notified years ago that is still open is exactly the one to chase.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import median
from typing import Unpack

from domain.calendar import add_months
from domain.reviews.records import Pause
from domain.reviews.timeliness import COMPLETION_MONTHS
from domain.reviews.values import PauseReason
from projections.port import Row, ViewStore
from projections.queries.imr_timeliness import AgencyImrs, imrs_by_agency
from projections.queries.reading import Range, placeholders, regional
from projections.views.dhr import HOLDS_REVIEW


@dataclass(frozen=True)
class Spread:
    cases: int  # cases that reached the milestone
    median_days: float | None
    worst_days: int | None


@dataclass(frozen=True)
class CspTimeliness:
    tenant: str  # "" on the region's overall row
    name: str
    cases: int  # notified within the range
    to_decision: Spread
    to_first_panel: Spread
    to_submission: Spread
    decided_late: int  # of those notified within the range, decided over a month after the death
    past_decision_target_now: int
    past_completion_target_now: int


@dataclass(frozen=True)
class RegionalTimeliness:
    region: str
    since: date
    until: date
    today: date
    rows: tuple[CspTimeliness, ...]
    overall: CspTimeliness
    imrs_by_agency: tuple[AgencyImrs, ...] = ()  # IMRs late and days late, per agency


CASES_SQL = (
    "SELECT tenant, notified_on, days_to_decision, days_to_first_panel, days_to_submission,"
    " decided_on, outcome, commenced_on, approved_on, decommissioned_on, decision_due,"
    " completion_due_net, open_pause_since, case_id, incident_on, first_panel_on, submitted_on"
    " FROM {cases} WHERE tenant IN (@TENANTS@)"
)
PAUSES_SQL = (
    "SELECT tenant, case_id, paused_on, resumed_on FROM {pauses} WHERE tenant IN (@TENANTS@)"
)


def timeliness(views: ViewStore, region: str, **options: Unpack[Range]) -> RegionalTimeliness:
    """``on`` a past day: only cases notified by then, each as it stood that day (facts as known now)."""
    on = options.get("on")
    with regional(views, region, **options) as q:
        slugs, snap = q.slugs, q.snap
        cases_sql = CASES_SQL.replace("@TENANTS@", placeholders(slugs))
        if on is None:
            rows = snap.all(cases_sql, tuple(slugs))
        else:  # what ``as_on`` would drop is not read: cases notified, pauses begun, after ``on``
            day = on.isoformat()
            rows = snap.all(cases_sql + " AND notified_on <= ?", (*slugs, day))
            pauses_sql = PAUSES_SQL.replace("@TENANTS@", placeholders(slugs))
            pauses = snap.all(pauses_sql + " AND paused_on <= ?", (*slugs, day))
            rows = as_on(rows, pauses, on)
        by_agency = imrs_by_agency(snap, region, slugs, q.today, on)
    by_tenant: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        by_tenant[str(row[0])].append(row)
    today = q.today.isoformat()
    result = tuple(_csp(slug, name, by_tenant[slug], q.window, today) for slug, name in q.members)
    overall = _csp("", "All partnerships", rows, q.window, today)
    return RegionalTimeliness(region, q.since, q.until, q.today, result, overall, by_agency)


def as_on(rows: Sequence[Row], pause_rows: Sequence[Row], day: date) -> list[Row]:
    """Each case notified by ``day`` as it stood then: later steps undone, pauses counted to it."""
    on_ = day.isoformat()
    pauses: dict[tuple[str, str], list[Pause]] = defaultdict(list)
    for tenant, case_id, paused_on, resumed_on in pause_rows:
        if paused_on <= on_:
            resumed = date.fromisoformat(resumed_on) if resumed_on and resumed_on <= on_ else None
            pauses[(str(tenant), str(case_id))].append(
                Pause(date.fromisoformat(paused_on), PauseReason.OTHER, "", resumed)
            )
    found = []
    for r in rows:
        if r[1] > on_:
            continue  # not yet notified: absent
        row = list(r)
        for day_col, days_col in ((5, 2), (15, 3), (16, 4)):
            if row[day_col] is not None and row[day_col] > on_:
                row[day_col], row[days_col] = None, None
        if row[5] is None:
            row[6] = None  # not yet decided that day
        for col in (7, 8, 9):
            if row[col] is not None and row[col] > on_:
                row[col] = None
        incident = date.fromisoformat(row[14])
        stopped = pauses[(str(row[0]), str(row[13]))]
        open_since = next((p.paused_on for p in stopped if p.resumed_on is None), None)
        closed = sum(p.days_within(incident, date.max) for p in stopped if p.resumed_on)
        due = add_months(incident, COMPLETION_MONTHS) + timedelta(days=closed)
        row[11] = due.isoformat()
        row[12] = open_since.isoformat() if open_since else None
        found.append(tuple(row))
    return found


def _csp(
    slug: str, name: str, rows: Sequence[Row], window: tuple[str, str], today: str
) -> CspTimeliness:
    in_range = [r for r in rows if window[0] <= r[1] <= window[1]]
    return CspTimeliness(
        tenant=slug,
        name=name,
        cases=len(in_range),
        to_decision=_spread([r[2] for r in in_range]),
        to_first_panel=_spread([r[3] for r in in_range]),
        to_submission=_spread([r[4] for r in in_range]),
        decided_late=sum(1 for r in in_range if r[5] and r[10] and r[5] > r[10]),
        past_decision_target_now=sum(1 for r in rows if _awaiting_decision_late(r, today)),
        past_completion_target_now=sum(1 for r in rows if _open_late(r, today)),
    )


def _spread(days: list[int | None]) -> Spread:
    known = [int(d) for d in days if d is not None]
    if not known:
        return Spread(0, None, None)
    return Spread(len(known), float(median(known)), max(known))


def _awaiting_decision_late(r: Row, today: str) -> bool:
    decided_on, decommissioned_on, decision_due = r[5], r[9], r[10]
    return decided_on is None and decommissioned_on is None and today > decision_due


def _open_late(r: Row, today: str) -> bool:
    outcome, commenced_on, approved_on, decommissioned_on = r[6], r[7], r[8], r[9]
    expected = outcome is None or outcome in HOLDS_REVIEW or commenced_on is not None
    if not expected or approved_on is not None or decommissioned_on is not None:
        return False
    return (r[12] or today) > r[11]
