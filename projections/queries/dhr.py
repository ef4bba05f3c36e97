"""DHRs notified, commenced, completed and decommissioned per CSP — the seeds' West Midlands table.

'Completed' means completed and submitted to the Home Office (the seed table's footnote),
counted on the first submission. 'Commenced' is a decision to hold a review (alone or jointly
with an SCR/SAR) or a review directed by the Secretary of State. Footnote columns carry what
the seeds wrote beside the numbers: joint reviews, alternative reviews, suicides, paused cases.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Unpack

from domain.reviews.values import ReviewKind
from projections.port import ViewStore
from projections.queries.reading import Range, RegionalAnswer, placeholders, regional


@dataclass(frozen=True)
class DhrCounts:
    tenant: str  # slug; "" on the region's total row
    name: str
    notified: int
    commenced: int
    completed: int
    decommissioned: int
    joint_reviews: int  # commenced jointly with a Serious Case / Safeguarding Adults Review
    alternative_reviews: int  # decided that criteria were not met, another review held instead
    suicides: int  # notified deaths recorded as suspected victim suicide
    paused_now: int  # paused for parallel proceedings at the end of the range


@dataclass(frozen=True)
class RegionalDhrCounts(RegionalAnswer):
    rows: tuple[DhrCounts, ...]
    total: DhrCounts


JOINT_KINDS = ", ".join(f"'{k.value}'" for k in ReviewKind if k.value.startswith("joint_with_"))
COUNTS_SQL = """
SELECT tenant,
  SUM(CASE WHEN notified_on BETWEEN ? AND ? THEN 1 ELSE 0 END),
  SUM(CASE WHEN commenced_on BETWEEN ? AND ? THEN 1 ELSE 0 END),
  SUM(CASE WHEN submitted_on BETWEEN ? AND ? THEN 1 ELSE 0 END),
  SUM(CASE WHEN decommissioned_on BETWEEN ? AND ? THEN 1 ELSE 0 END),
  SUM(CASE WHEN commenced_on BETWEEN ? AND ?
       AND (outcome IN ('joint_with_scr', 'joint_with_sar') OR kind IN (@JOINT@)) THEN 1 ELSE 0 END),
  SUM(CASE WHEN outcome = 'alternative_review' AND decided_on BETWEEN ? AND ? THEN 1 ELSE 0 END),
  SUM(CASE WHEN death_category = 'suspected_victim_suicide' AND notified_on BETWEEN ? AND ? THEN 1 ELSE 0 END),
  SUM(CASE WHEN EXISTS (SELECT 1 FROM {pauses} p WHERE p.tenant = c.tenant
       AND p.case_id = c.case_id AND p.paused_on <= ? AND (p.resumed_on IS NULL OR p.resumed_on > ?))
       THEN 1 ELSE 0 END)
FROM {cases} c WHERE tenant IN (@TENANTS@) GROUP BY tenant
"""


def dhr_counts(views: ViewStore, region: str, **options: Unpack[Range]) -> RegionalDhrCounts:
    """Per CSP of the region (or one CSP), events dated within [since, until] (defaults 13.4.2011 – today).

    'Paused now' means paused at the end of the range: ``on``, else ``until``, else today.
    """
    with regional(views, region, **options) as q:
        members, slugs, window, paused_at = q.members, q.slugs, q.window, q.window[1]
        sql = COUNTS_SQL.replace("@JOINT@", JOINT_KINDS).replace("@TENANTS@", placeholders(slugs))
        found = {
            str(r[0]): [int(v or 0) for v in r[1:]]
            for r in q.snap.all(sql, (*window * 7, paused_at, paused_at, *slugs))
        }
    rows = tuple(DhrCounts(slug, name, *found.get(slug, [0] * 8)) for slug, name in members)
    return RegionalDhrCounts(region, q.since, q.until, rows, _total(rows))


def _total(rows: tuple[DhrCounts, ...]) -> DhrCounts:
    sums = [sum(getattr(r, f.name) for r in rows) for f in fields(DhrCounts)[2:]]
    return DhrCounts("", "Total", *sums)
