"""Outstanding actions across the partnerships' master plans, by CSP, owner agency and theme.

'Awaiting impact review' is the gap the Leicestershire plan admitted: actions completed but
never checked for impact. The range selects actions by the date their recommendation was
made; 'overdue' is judged on ``today``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Unpack

from domain.themes import DEFAULT_THEMES
from projections.model import region_source
from projections.port import ViewStore
from projections.queries.reading import Range, Snapshot, placeholders, regional

LABELS = {t.code: t.label for t in DEFAULT_THEMES}


@dataclass(frozen=True)
class ActionCounts:
    key: str  # tenant slug, owner agency or theme code; "" on the total row
    label: str
    open: int  # open or in progress
    overdue: int  # open and due before today
    awaiting_impact_review: int  # completed, impact not yet reviewed
    impact_review_overdue: int  # ... and the impact review is past due


@dataclass(frozen=True)
class RegionalActions:
    region: str
    since: date
    until: date
    today: date
    by_csp: tuple[ActionCounts, ...]
    by_owner: tuple[ActionCounts, ...]
    by_theme: tuple[ActionCounts, ...]
    total: ActionCounts


COUNTS = """
SUM(CASE WHEN a.status IN ('open', 'in_progress') THEN 1 ELSE 0 END),
SUM(CASE WHEN a.status IN ('open', 'in_progress') AND a.due_on < ? THEN 1 ELSE 0 END),
SUM(CASE WHEN a.status IN ('completed', 'completion_confirmed')
    AND a.impact_review_due_on IS NOT NULL THEN 1 ELSE 0 END),
SUM(CASE WHEN a.status IN ('completed', 'completion_confirmed')
    AND a.impact_review_due_on < ? THEN 1 ELSE 0 END)
"""


# On a past day, from each action's dated life (``projections.views.action_days``): done that
# day if completed by then (or completed earlier and reopened only after it), closed if closed
# by then; an action whose recommendation was made after the day did not exist and is absent.
DONE_ON = (  # every comparison guarded against NULL, so NOT DONE_ON is never NULL
    "((a.completed_on IS NOT NULL AND a.completed_on <= @D@) OR (a.earlier_completed_on"
    " IS NOT NULL AND a.reopened_on IS NOT NULL"
    " AND a.earlier_completed_on <= @D@ AND a.reopened_on > @D@))"
)
REVIEW_DUE_ON = (
    "CASE WHEN a.completed_on <= @D@ THEN a.impact_review_due_on ELSE a.earlier_review_due_on END"
)
COUNTS_ON = f"""
SUM(CASE WHEN NOT {DONE_ON} THEN 1 ELSE 0 END),
SUM(CASE WHEN NOT {DONE_ON} AND a.due_on < @D@ THEN 1 ELSE 0 END),
SUM(CASE WHEN {DONE_ON} AND ({REVIEW_DUE_ON}) IS NOT NULL
    AND (a.impact_reviewed_on IS NULL OR a.impact_reviewed_on > @D@) THEN 1 ELSE 0 END),
SUM(CASE WHEN {DONE_ON} AND ({REVIEW_DUE_ON}) < @D@
    AND (a.impact_reviewed_on IS NULL OR a.impact_reviewed_on > @D@) THEN 1 ELSE 0 END)
"""


def action_counts(views: ViewStore, region: str, **options: Unpack[Range]) -> RegionalActions:
    """``on`` a past day: the actions that existed then, open, overdue or awaiting review then."""
    with regional(views, region, **options) as q:
        snap, members, names = q.snap, q.members, dict(q.members)
        args = (q.today.isoformat(), q.today.isoformat(), *q.window)
        grouped = _grouped if options.get("on") is None else _grouped_on
        by_csp = grouped(snap, "a.tenant", "", q.slugs, args)
        by_owner, owner_labels = _by_partner(
            snap, region, grouped(snap, "a.owner", "", list(names), args)
        )
        join = "JOIN {rec_themes} r ON r.tenant = a.tenant AND r.rec_id = a.rec_id"
        by_theme = grouped(snap, "r.theme", join, list(names), args)
    rows = tuple(ActionCounts(s, n, *by_csp.get(s, (0, 0, 0, 0))) for s, n in members)
    total = ActionCounts("", "Total", *(sum(c[i] for c in by_csp.values()) for i in range(4)))
    return RegionalActions(
        region,
        q.since,
        q.until,
        q.today,
        by_csp=rows,
        by_owner=tuple(
            ActionCounts(k, owner_label(k, owner_labels), *v) for k, v in sorted(by_owner.items())
        ),
        by_theme=tuple(ActionCounts(k, LABELS.get(k, k), *v) for k, v in sorted(by_theme.items())),
        total=total,
    )


def _grouped(
    snap: Snapshot, key: str, join: str, slugs: list[str], args: tuple[str, ...]
) -> dict[str, tuple[int, int, int, int]]:
    sql = (
        f"SELECT {key}, {COUNTS} FROM {{actions}} a {join}"
        f" WHERE a.tenant IN ({placeholders(slugs)}) AND a.made_on BETWEEN ? AND ? GROUP BY {key}"
    )
    rows = snap.all(sql, (args[0], args[1], *slugs, args[2], args[3]))
    return {
        str(r[0]): (int(r[1] or 0), int(r[2] or 0), int(r[3] or 0), int(r[4] or 0)) for r in rows
    }


def _grouped_on(
    snap: Snapshot, key: str, join: str, slugs: list[str], args: tuple[str, ...]
) -> dict[str, tuple[int, int, int, int]]:
    day = args[0]
    sql = (
        f"SELECT {key}, {COUNTS_ON} FROM {{action_days}} a {join}"
        f" WHERE a.tenant IN ({placeholders(slugs)}) AND a.made_on BETWEEN ? AND ?"
        " AND (a.closed_on IS NULL OR a.closed_on > @D@) GROUP BY " + key
    )
    rows = snap.all(
        sql.replace("@D@", f"'{date.fromisoformat(day).isoformat()}'"), (*slugs, args[2], args[3])
    )
    return {
        str(r[0]): (int(r[1] or 0), int(r[2] or 0), int(r[3] or 0), int(r[4] or 0)) for r in rows
    }


def owner_label(key: str, directory_names: dict[str, str]) -> str:
    """A directory key by the directory's name; an agency-type code (``health``, ``csp``,
    ``other``: ``domain.actionplan.agencies``) by its words, never the code itself."""
    return directory_names.get(key) or LABELS.get(key) or key.replace("-", " ").capitalize()


def _norm(name: str) -> str:
    return " ".join(name.lower().split())


def _by_partner(
    snap: Snapshot, region: str, counts: dict[str, tuple[int, int, int, int]]
) -> tuple[dict[str, tuple[int, int, int, int]], dict[str, str]]:
    """Merge owners that the region's partner directory says are one body ('Police' and
    'West Midlands Police'), keyed by its directory key; other owners stay as written."""
    source = region_source(region)
    names = {
        str(k): str(n)
        for k, n in snap.all(
            "SELECT partner, name FROM {region_partners} WHERE tenant = ?", (source,)
        )
    }
    lookup = {_norm(n): k for k, n in names.items()} | {k: k for k in names}
    for alias, key in snap.all(
        "SELECT alias, partner FROM {region_aliases} WHERE tenant = ?", (source,)
    ):
        lookup[str(alias)] = str(key)
    merged: dict[str, tuple[int, int, int, int]] = {}
    for owner, values in counts.items():
        key = lookup.get(owner) or lookup.get(_norm(owner)) or owner
        before = merged.get(key, (0, 0, 0, 0))
        merged[key] = tuple(a + b for a, b in zip(before, values, strict=True))  # type: ignore[assignment]
    return merged, names
