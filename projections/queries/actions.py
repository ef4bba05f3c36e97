"""Outstanding actions across the partnerships' master plans, by CSP, owner agency and theme.

'Awaiting impact review' is the gap the Leicestershire plan admitted: actions completed but
never checked for impact. The range selects actions by the date their recommendation was
made; 'overdue' is judged on ``today``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Unpack

from domain.actionplan.agencies import agency_code
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
    # an owner agency's row: the partner directory's bodies its actions' owners stand for
    # (key the directory's; "" for owners it does not know), when they are not the row itself
    bodies: tuple[ActionCounts, ...] = field(default=(), kw_only=True)


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


# The four counts, as conditions on one action ``a``: open, overdue, awaiting impact review,
# impact review overdue ('?' is today, twice).
COUNTS = (
    "a.status IN ('open', 'in_progress')",
    "a.status IN ('open', 'in_progress') AND a.due_on < ?",
    "a.status IN ('completed', 'completion_confirmed') AND a.impact_review_due_on IS NOT NULL",
    "a.status IN ('completed', 'completion_confirmed') AND a.impact_review_due_on < ?",
)


# On a past day, from each action's dated life (``projections.views.action_days``): done that
# day if completed by then (or completed earlier and reopened only after it), closed if closed
# by then; an action whose recommendation was made after the day did not exist and is absent.
DONE_ON = (  # every comparison guarded against NULL, so NOT DONE_ON is never NULL
    "((a.completed_on IS NOT NULL AND a.completed_on <= @D@) OR (a.earlier_completed_on"
    " IS NOT NULL AND a.reopened_on IS NOT NULL"
    " AND a.earlier_completed_on <= @D@ AND a.reopened_on > @D@))"
)
# The impact review awaited on that day, if any (``action_review_dues``: one span at most
# covers a day): its due date, NULL when none was awaited.
AWAITED_ON = (
    " LEFT JOIN {action_review_dues} d ON d.tenant = a.tenant AND d.action_id = a.action_id"
    " AND d.from_on <= @D@ AND (d.to_on IS NULL OR d.to_on > @D@)"
)
COUNTS_ON = (
    f"NOT {DONE_ON}",
    f"NOT {DONE_ON} AND a.due_on < @D@",
    f"{DONE_ON} AND d.due_on IS NOT NULL",
    f"{DONE_ON} AND d.due_on < @D@",
)

# One statement for the three groupings: each action's four counts are worked out once (``f``),
# then summed by partnership, by owner (its code and fingerprint, ``action_owners``: which
# directory body it stands for is found in Python), and by theme: per recommendation first (about two
# actions each), then joined to the recommendation's themes (about two each) by their key.
# Three statements re-read and re-tested the same actions, the theme one over every
# (action, theme) pair, and cost two more round trips. The keys are grouped and joined bytewise
# (``ViewTx.bytewise``): the answer is put in order in Python, and the sorts were half the time.
# The themes are joined on their key alone: a filter of their own (tenant IN ...) let PostgreSQL,
# without statistics, scan the whole theme table once per recommendation (70 ms, not 4).
GROUPED = """
WITH f AS (
  SELECT a.tenant{bytewise} AS tenant, a.owner{bytewise} AS owner, a.rec_id{bytewise} AS rec_id,
    COALESCE(o.owner_ref, '') AS owner_ref, @FLAGS@ FROM {@TABLE@} a
  LEFT JOIN {action_owners} o ON o.tenant = a.tenant AND o.action_id = a.action_id@JOIN@
  WHERE a.tenant IN (@TENANTS@) AND a.made_on BETWEEN ? AND ?@AND@
)
SELECT 0, tenant, SUM(c0), SUM(c1), SUM(c2), SUM(c3) FROM f GROUP BY tenant
UNION ALL
SELECT 1, owner || ' ' || owner_ref, SUM(c0), SUM(c1), SUM(c2), SUM(c3) FROM f
GROUP BY owner, owner_ref
UNION ALL
SELECT 2, r.theme{bytewise}, SUM(g.c0), SUM(g.c1), SUM(g.c2), SUM(g.c3)
FROM (SELECT tenant, rec_id, SUM(c0) AS c0, SUM(c1) AS c1, SUM(c2) AS c2, SUM(c3) AS c3
      FROM f GROUP BY tenant, rec_id) g
JOIN {rec_themes} r ON r.tenant = g.tenant AND r.rec_id = g.rec_id
GROUP BY r.theme{bytewise}
"""

Counts = dict[str, tuple[int, int, int, int]]


def action_counts(views: ViewStore, region: str, **options: Unpack[Range]) -> RegionalActions:
    """``on`` a past day: the actions that existed then, open, overdue or awaiting review then."""
    on = options.get("on")
    with regional(views, region, **options) as q:
        snap, members = q.snap, q.members
        by_csp, by_owner_ref, by_theme = _grouped(snap, q.slugs, q.today, q.window, on)
        by_owner, owner_labels, bodies = _by_partner(snap, region, by_owner_ref)
    rows = tuple(ActionCounts(s, n, *by_csp.get(s, (0, 0, 0, 0))) for s, n in members)
    total = ActionCounts("", "Total", *(sum(c[i] for c in by_csp.values()) for i in range(4)))
    return RegionalActions(
        region,
        q.since,
        q.until,
        q.today,
        by_csp=rows,
        by_owner=tuple(
            _with_bodies(
                ActionCounts(k, owner_label(k, owner_labels), *v), bodies.get(k, {}), owner_labels
            )
            for k, v in sorted(by_owner.items())
        ),
        by_theme=tuple(  # the most overdue first: where a call for change is most needed
            ActionCounts(k, LABELS.get(k, k), *v)
            for k, v in sorted(by_theme.items(), key=lambda kv: (-kv[1][1], -kv[1][0], kv[0]))
        ),
        total=total,
    )


def _grouped(
    snap: Snapshot, slugs: list[str], today: date, window: tuple[str, str], on: date | None
) -> tuple[Counts, Counts, Counts]:
    """(by partnership, by owner's code and ``owner_ref`` as "<code> <ref>", by theme), live
    or ``on`` a past day, in one statement."""
    flags = ", ".join(
        f"CASE WHEN {c} THEN 1 ELSE 0 END AS c{i}"
        for i, c in enumerate(COUNTS if on is None else COUNTS_ON)
    )
    marks = placeholders(slugs)
    sql = (
        GROUPED.replace("@FLAGS@", flags)
        .replace("@TABLE@", "actions" if on is None else "action_days")
        .replace("@JOIN@", "" if on is None else AWAITED_ON)
        .replace("@AND@", "" if on is None else " AND (a.closed_on IS NULL OR a.closed_on > @D@)")
        .replace("@TENANTS@", marks)
    )
    if on is None:
        params: tuple[str, ...] = (today.isoformat(), today.isoformat())
    else:
        sql, params = sql.replace("@D@", f"'{on.isoformat()}'"), ()
    found: tuple[Counts, Counts, Counts] = ({}, {}, {})
    for r in snap.all(sql, (*params, *slugs, *window)):
        found[int(r[0])][str(r[1])] = (
            int(r[2] or 0),
            int(r[3] or 0),
            int(r[4] or 0),
            int(r[5] or 0),
        )
    return found


def owner_label(key: str, directory_names: dict[str, str]) -> str:
    """A directory key by the directory's name; an agency-type code (``health``, ``csp``,
    ``other``: ``domain.actionplan.agencies``) by its words, never the code itself."""
    return directory_names.get(key) or LABELS.get(key) or key.replace("-", " ").capitalize()


def _norm(name: str) -> str:
    return " ".join(name.lower().split())


DIRECTORY_SQL = (
    "SELECT 0, partner, name FROM {region_partners} WHERE tenant = ?"
    " UNION ALL SELECT 1, alias, partner FROM {region_aliases} WHERE tenant = ?"
)


def partner_directory(snap: Snapshot, region: str) -> tuple[dict[str, str], dict[str, str]]:
    """The region's partner directory, in one round trip: {key: name} and {alias: key}."""
    source = region_source(region)
    found: tuple[dict[str, str], dict[str, str]] = ({}, {})
    for which, key, value in snap.all(DIRECTORY_SQL, (source, source)):
        found[int(which)][str(key)] = str(value)
    return found


def fingerprinted(snap: Snapshot, names: dict[str, str], aliases: dict[str, str]) -> dict[str, str]:
    """The directory's keys, names and aliases as the read models keep a name recorded
    (``ViewTx.fingerprint``), each to its key: what a recorded name stands for, as
    ``PartnerDirectory.resolve`` finds it (a key over a name, a name over an alias)."""
    if not names and not aliases:
        return {}  # a region without a directory: no key needed
    fingerprint = snap.tx.fingerprint
    return (
        {fingerprint(alias): k for alias, k in aliases.items()}
        | {fingerprint(n): k for k, n in names.items()}
        | {fingerprint(k): k for k in names}
    )


def _by_partner(
    snap: Snapshot, region: str, by_owner_ref: Counts
) -> tuple[Counts, dict[str, str], dict[str, Counts]]:
    """Rows by kind of owner, merging those the region's partner directory says are one body
    ('Police' and 'West Midlands Police'), keyed by its directory key; and within each row, the
    directory's bodies its actions' owners stand for, found by key, name or alias as
    ``PartnerDirectory.resolve`` finds them ("" for an owner it does not know). An owner the
    directory knows is of the kind its name is, however it was recorded (a key says none)."""
    names, aliases = partner_directory(snap, region)
    lookup = {_norm(n): k for k, n in names.items()} | {k: k for k in names} | aliases
    refs = fingerprinted(snap, names, aliases)
    merged: Counts = {}
    bodies: dict[str, Counts] = {}
    for pair, values in by_owner_ref.items():
        code, _, ref = pair.rpartition(" ")
        body = refs.get(ref, "") if ref else NOT_YET  # "": action_owners has yet to catch up
        kind = agency_code(names[body]) if body in names else code
        row = lookup.get(kind) or kind
        _add(merged, row, values)
        _add(bodies.setdefault(row, {}), body, values)
    return merged, names, bodies


def _add(counts: Counts, key: str, values: tuple[int, int, int, int]) -> None:
    before = counts.get(key, (0, 0, 0, 0))
    counts[key] = tuple(a + b for a, b in zip(before, values, strict=True))  # type: ignore[assignment]


NOT_IN_DIRECTORY = "owners not in the region's partner directory"  # after "Health: "
NOT_YET = "?"  # an action whose owner's fingerprint is not yet projected: no key is "?"


def _with_bodies(row: ActionCounts, bodies: Counts, names: dict[str, str]) -> ActionCounts:
    """The row with the bodies it counts, by the directory's names (owners it does not know
    last), unless its one body is the row itself (a row the directory already names) or some
    are not yet known (a store started before ``action_owners``, still catching up)."""
    if list(bodies) in ([row.key], []) or NOT_YET in bodies:
        return row
    named = (ActionCounts(k, names.get(k, NOT_IN_DIRECTORY), *v) for k, v in bodies.items())
    return replace(row, bodies=tuple(sorted(named, key=lambda b: (b.key == "", b.label))))
