"""IMRs late per agency across a region's partnerships: the panel's clock, region-wide.

An IMR is late while it is awaited past its (extended) due date, or if it arrived after it;
its days late run to the receipt, or to ``today`` while awaited (``Imr.days_late``). Agencies
are grouped by the region's partner directory (key, name or mapped alias, fingerprinted as
``imr_clocks`` keeps the agency recorded); one the directory does not know is grouped by its
agency type (``domain.actionplan.agencies``, kept by ``imr_clocks``) under its words. An IMR
whose agency asked for more time and has had no answer yet that day has a request waiting
(``imr_more_time``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from projections.queries.actions import fingerprinted, owner_label, partner_directory
from projections.queries.reading import Snapshot, placeholders


@dataclass(frozen=True)
class AgencyImrs:
    key: str  # partner directory key, or agency type code
    label: str
    requested: int  # IMRs with a due date
    awaited: int  # not yet received (or returned for more work)
    late: int  # awaited past the due date, or received after it
    days_late: int  # summed over the late ones
    worst_days_late: int
    chased: int  # IMRs chased at least once (by the day asked)
    more_time_asked: int = 0  # IMRs whose agency's request for more time awaits the panel


IMRS_SQL = (
    "SELECT agency_ref, kind, requested_on, due_on, received_on, returned, first_chased_on,"
    " tenant, case_id FROM {imrs} WHERE tenant IN (@TENANTS@) AND due_on IS NOT NULL"
)
WAITS_SQL = (
    "SELECT tenant, case_id, agency_ref, from_on, to_on FROM {imr_waits}"
    " WHERE tenant IN (@TENANTS@) AND from_on <= ?"
)
ASKED_SQL = (
    "SELECT tenant, case_id, agency_ref FROM {imr_more_time} WHERE tenant IN (@TENANTS@)"
    " AND asked_on <= ? AND (answered_on IS NULL OR answered_on > ?)"
)
Wait = tuple[str, str | None]  # (from, to): ISO days


def imrs_by_agency(
    snap: Snapshot, region: str, slugs: Sequence[str], today: date, on: date | None = None
) -> tuple[AgencyImrs, ...]:
    """``on`` a past day: IMRs requested by then, awaited or received as they were then
    (``imr_waits``) and chased if first chased by then, against their due dates as now."""
    if not slugs:
        return ()
    marks = placeholders(list(slugs))
    sql, params = IMRS_SQL.replace("@TENANTS@", marks), tuple(slugs)
    waits: dict[tuple[str, str, str], list[Wait]] = defaultdict(list)
    if on is not None:  # requested after ``on``: skipped below, so not read
        sql, params = sql + " AND requested_on <= ?", (*params, on.isoformat())
        for tenant, case_id, ref, from_on, to_on in snap.all(
            WAITS_SQL.replace("@TENANTS@", marks), (*slugs, on.isoformat())
        ):
            waits[(str(tenant), str(case_id), str(ref))].append((str(from_on), to_on))
    rows = snap.all(sql, params)
    asked = _asked(snap, marks, slugs, on or today)
    lookup, names = _directory(snap, region)
    grouped: dict[str, list[tuple[bool, int, bool, bool]]] = defaultdict(list)
    for row in rows:
        ref, kind, requested_on, due_on, received_on, returned, chased_on, tenant, case_id = row
        if on is not None and str(requested_on) > on.isoformat():
            continue
        key = lookup.get(str(ref)) or str(kind)
        if on is None:
            awaited, days = _clock(str(due_on), received_on, bool(returned), today)
            chased = chased_on is not None
        else:
            spans = waits[(str(tenant), str(case_id), str(ref))]
            awaited, days = _clock_on(str(due_on), spans, on)
            chased = chased_on is not None and str(chased_on) <= on.isoformat()
        grouped[key].append((awaited, days, chased, (str(tenant), str(case_id), str(ref)) in asked))
    return tuple(
        AgencyImrs(
            key,
            owner_label(key, names),
            requested=len(clocks),
            awaited=sum(1 for awaited, *_ in clocks if awaited),
            late=sum(1 for _, days, *_ in clocks if days > 0),
            days_late=sum(days for _, days, *_ in clocks),
            worst_days_late=max((days for _, days, *_ in clocks), default=0),
            chased=sum(1 for *_, chased, _ in clocks if chased),
            more_time_asked=sum(1 for *_, waiting in clocks if waiting),
        )
        for key, clocks in sorted(grouped.items(), key=lambda kv: owner_label(kv[0], names))
    )


def _asked(
    snap: Snapshot, marks: str, slugs: Sequence[str], day: date
) -> set[tuple[str, str, str]]:
    """(tenant, case, agency) of the IMRs with a request for more time waiting on ``day``: asked
    by then and not answered by then. None before the model's tables are made."""
    if "imr_more_time" not in snap.names:
        return set()
    params = (*slugs, day.isoformat(), day.isoformat())
    rows = snap.all(ASKED_SQL.replace("@TENANTS@", marks), params)
    return {(str(tenant), str(case_id), str(ref)) for tenant, case_id, ref in rows}


def _clock(due_on: str, received_on: str | None, returned: bool, day: date) -> tuple[bool, int]:
    """(still awaited, days late) now: to the latest receipt, or to ``day`` while awaited or
    returned (``Imr.days_late``)."""
    due = date.fromisoformat(due_on)
    received = date.fromisoformat(received_on) if received_on else None
    awaited = received is None or returned
    end = day if awaited or received is None else received
    return awaited, max(0, (end - due).days)


def _clock_on(due_on: str, spans: list[Wait], on: date) -> tuple[bool, int]:
    """(awaited, days late) on a past day: awaited if a wait was open that day, late to that
    day; else to the last receipt by then."""
    day, due = on.isoformat(), date.fromisoformat(due_on)
    awaited = any(f <= day and (t is None or t > day) for f, t in spans)
    received = [t for _, t in spans if t is not None and t <= day]
    end = on if awaited or not received else date.fromisoformat(max(received))
    return awaited, max(0, (end - due).days)


def _directory(snap: Snapshot, region: str) -> tuple[dict[str, str], dict[str, str]]:
    """{fingerprint of a key, name or alias: key}, and {key: name}."""
    names, aliases = partner_directory(snap, region)
    return fingerprinted(snap, names, aliases), names
