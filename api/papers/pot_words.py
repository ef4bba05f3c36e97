"""What a pot's statement says in sentences about the pot's life and its commitments, worded as
the figures behave (``domain.funding``): the reserve is carried from year to year, a
contribution not drawn down is not, and an approved variation is owed until it is paid."""

from __future__ import annotations

from datetime import date
from typing import Any

from api.papers.cells import long_date, whole_pounds
from api.plurals import plural
from domain.funding import PooledBudget


def background(pot: PooledBudget) -> tuple[str, ...]:
    """Who keeps the pot and since when, that its reserve is carried forward, and what became
    of the contributions not drawn down since it opened: seed 001's "carried forward when not
    utilised" is true of the reserve, not of a contribution never called."""
    since = long_date(pot.opened_on)
    count = len(pot.partners)
    kept = (
        f"The {pot.name} has been managed by {pot.manager} since {since}, on behalf of its "
        f"{plural(count, 'partner')}. What partners pay in and is not spent "
        "stays in the pot: each year's closing reserve is carried forward as the next year's "
        "opening reserve."
    )
    deferred, not_called = pot.not_drawn_down()
    if not deferred and not not_called:
        return (kept, f"Since {since}, partners have been asked for every contribution agreed.")
    parts = []
    if not_called:
        parts.append(
            f"{whole_pounds(not_called)} was not called, so no partner owes it and it is not in the "
            "reserve"
        )
    if deferred:
        parts.append(
            f"{whole_pounds(deferred)} was deferred to a later year, where it is added to what the "
            "partner owes for that year"
        )
    return (
        kept,
        f"Since {since}, partners have not been asked for {whole_pounds(deferred + not_called)} of "
        f"the contributions agreed: {'; '.join(parts)}.",
    )


def commitments(forecast: dict[str, Any]) -> tuple[str, ...]:
    """Each approved variation not yet paid, named as the commitment it is: the forecast year's
    is in its cost, an earlier year's is owed from the reserve the year opens with."""
    owed = forecast["commitments"]
    if not owed:
        return ()
    each = "; ".join(
        f"{c['purpose']} for {c['year']}, {whole_pounds(c['approved'])} approved on "
        f"{long_date(date.fromisoformat(c['decided_on']))} in place of "
        f"{whole_pounds(c['planned_before'])}, of which {whole_pounds(c['unpaid'])} is still to pay"
        + (" (in the year's cost below)" if c["in_cost"] else " (owed from the reserve)")
        for c in owed
    )
    words = f"Approved variations not yet paid are commitments of the pot: {each}."
    committed, reserve = forecast["committed_from_reserve"], forecast["reserve"]
    if committed:
        words += (
            f" Of the {whole_pounds(reserve)} reserve at the start of {forecast['year']}, "
            f"{whole_pounds(committed)} is owed to them, leaving {whole_pounds(reserve - committed)}."
        )
    return (words,)
